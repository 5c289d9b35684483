import { addDays, DEFAULT_CALENDAR_SETTINGS, type CalendarSettings, type IsoDate } from '#calendar';
import { caseClock, type CaseClock } from '#pathway';
import { CaseClockQueries, factRowsOf, type CaseClockView, type FactKind, type FactRow } from '#projections';
import { AnswerCache } from './answer-cache.js';
import type { Breakdown } from './breakdowns.js';
import type { KpiReport } from './figures.js';
import { annualReviews } from './measures/annual-reviews.js';
import {
  atRisk,
  type AtRiskFilters,
  type AtRiskPage,
  type AtRiskReport,
  type WorklistItem,
} from './measures/at-risk.js';
import { caseload } from './measures/caseload.js';
import { placements } from './measures/placements.js';
import { noPlanNotices } from './measures/no-plan-notices.js';
import { sixWeekDecisions } from './measures/six-week-decisions.js';
import { tribunal } from './measures/tribunal.js';
import { draftPlanBreaches, twentyWeekTimeliness } from './measures/twenty-week-timeliness.js';
import type { GroupBy } from './periods.js';

export const KPI_NAMES = [
  'six-week-decisions',
  'no-plan-notices',
  'twenty-week-timeliness',
  'draft-plan-breaches',
  'annual-reviews',
  'tribunal',
  'caseload',
  'placements',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export interface KpiQuery {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly groupBy: GroupBy;
  readonly breakdown?: Breakdown | null;
  /** An instant: answer from the events recorded by then. */
  readonly asOf?: Date;
  readonly includeCases?: boolean;
}

/** The fact kinds each KPI reads, so SQL fetches no more than it needs. */
const KINDS: Readonly<Record<KpiName, readonly FactKind[]>> = {
  'six-week-decisions': ['request-decision'],
  'no-plan-notices': ['no-plan-notice'],
  'twenty-week-timeliness': ['new-plan'],
  'draft-plan-breaches': ['new-plan'],
  'annual-reviews': ['annual-review', 'amendment', 'phase-transfer'],
  tribunal: ['tribunal-appeal', 'appealable-decision', 'plan'],
  caseload: ['plan', 'request-decision'],
  placements: ['plan'],
};

export interface AtRiskQuery {
  readonly withinDays: number;
  readonly filters: AtRiskFilters;
  readonly page: AtRiskPage;
  /** An instant: the list as known then, judged on its date. */
  readonly asOf?: Date;
}

export type CaseClockAnswer = CaseClockView & { readonly statutory: CaseClock };

export interface KpiServiceOptions {
  readonly settings?: CalendarSettings;
  /** Today's date in Europe/London; injectable for tests. */
  readonly today?: () => IsoDate;
  /** Live answers kept in memory (default 256; 0 turns the cache off). */
  readonly answerCacheSize?: number;
}

const DEFAULT_ANSWER_CACHE_SIZE = 256;

/**
 * Answers every KPI for an LA and period. Live, the fact rows come from the read model (SQL narrows to the LA and
 * period); as of an instant, from replaying the LA's cases with the events recorded by then. Both feed the same
 * pure KPI functions: one code path for the figures.
 */
export class KpiService {
  private readonly settings: CalendarSettings;
  private readonly today: () => IsoDate;
  private readonly answers: AnswerCache<KpiReport>;

  constructor(
    private readonly queries: CaseClockQueries,
    options: KpiServiceOptions = {},
  ) {
    this.settings = options.settings ?? DEFAULT_CALENDAR_SETTINGS;
    this.today = options.today ?? londonToday;
    this.answers = new AnswerCache(options.answerCacheSize ?? DEFAULT_ANSWER_CACHE_SIZE);
  }

  /**
   * A KPI's answer. Live answers are cached under the LA's revision in the served generation and today's date (which
   * judges overdue reviews and open cases), keyed by the whole query, so every measure, including any added later,
   * is cached here without code of its own. As-of answers replay the events every time.
   */
  async kpi(name: KpiName, la: string, query: KpiQuery): Promise<KpiReport> {
    if (query.asOf !== undefined) return this.compute(name, la, query);
    const revision = await this.queries.laRevision(la);
    const scope = `${revision.generation}:${revision.revision}:${this.today()}`;
    const key = JSON.stringify([
      name,
      query.from,
      query.to,
      query.groupBy,
      query.breakdown ?? null,
      query.includeCases ?? false,
    ]);
    return this.answers.answer(la, scope, key, () => this.compute(name, la, query));
  }

  private async compute(name: KpiName, la: string, query: KpiQuery): Promise<KpiReport> {
    const rows = await this.rows(name, la, query);
    const options = {
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      breakdown: query.breakdown ?? null,
      includeCases: query.includeCases ?? false,
    };
    const asOfDate = this.asOfDate(query.asOf);
    switch (name) {
      case 'six-week-decisions':
        return sixWeekDecisions(rows, options);
      case 'no-plan-notices':
        return noPlanNotices(rows, options);
      case 'twenty-week-timeliness':
        return twentyWeekTimeliness(rows, options);
      case 'draft-plan-breaches':
        return draftPlanBreaches(rows, options);
      case 'annual-reviews':
        return annualReviews(rows, options, asOfDate);
      case 'tribunal':
        return tribunal(rows, options);
      case 'caseload':
        return caseload(rows, options, asOfDate);
      case 'placements':
        return placements(rows, options, asOfDate);
    }
  }

  /**
   * A case's clock: the read model's view (stage, next deadline, pending steps, fact rows, flags) and the pathway's
   * statutory clock (every cycle, plan, review and appeal step with its due date and on-time / late / overdue
   * status), judged as of today or as of `asOf` from the events recorded by then.
   */
  async caseClock(la: string, caseId: string, asOf?: Date): Promise<CaseClockAnswer | undefined> {
    const view =
      asOf === undefined
        ? await this.queries.clock(la, caseId)
        : (await this.queries.casesAsOf(la, asOf, this.settings, caseId))[0];
    if (view === undefined) return undefined;
    const events = await this.queries.caseEvents(la, caseId, asOf);
    return { ...view, statutory: caseClock(events, this.asOfDate(asOf), this.settings) };
  }

  /**
   * The at-risk worklist of an LA: live from the read model, or as of an instant from the cases as they were known
   * then. The filters and the page apply to the same list either way.
   */
  async atRisk(la: string, query: AtRiskQuery): Promise<AtRiskReport> {
    const today = this.asOfDate(query.asOf);
    const horizon = addDays(today, query.withinDays);
    const entries: WorklistItem[] =
      query.asOf === undefined
        ? await this.queries.worklistDueBy(la, horizon, today)
        : (await this.queries.casesAsOf(la, query.asOf, this.settings)).flatMap((clock) =>
            clock.worklist.map((entry) => ({
              caseId: clock.caseId,
              stage: clock.stage,
              team: clock.team,
              primaryNeed: clock.primaryNeed,
              ...entry,
            })),
          );
    return atRisk(entries, today, query.withinDays, query.filters, query.page);
  }

  private async rows(name: KpiName, la: string, query: KpiQuery): Promise<FactRow[]> {
    const kinds = KINDS[name];
    if (query.asOf !== undefined) {
      const rows = factRowsOf(await this.queries.casesAsOf(la, query.asOf, this.settings));
      return rows.filter((row) => kinds.includes(row.fact.kind));
    }
    // The DfE tribunal method counts plans held on the January census day of the period's first year.
    const from = name === 'tribunal' ? `${query.from.slice(0, 4)}-01-01` : query.from;
    return this.queries.facts(la, from, query.to, kinds);
  }

  private asOfDate(asOf: Date | undefined): IsoDate {
    return asOf === undefined ? this.today() : londonDate(asOf);
  }
}

// Built once: constructing an Intl.DateTimeFormat per call showed in the KPI query profile.
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Europe/London. */
export function londonDate(instant: Date): IsoDate {
  return LONDON_DATE.format(instant);
}

function londonToday(): IsoDate {
  return londonDate(new Date());
}
