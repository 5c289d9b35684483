import { Inject, Injectable } from '@nestjs/common';
import {
  comparatorOf,
  HEADLINES,
  KpiService,
  type AtRiskReport,
  type Headline,
  type KpiName,
  type KpiReport,
} from '#kpis';
import type { LaBenchmarks, PublishedBenchmarks } from '#benchmarks';
import { PUBLISHED_BENCHMARKS } from '#benchmarks';
import { RollupService, type WeeklyRollup, type WeekWindow } from '#rollups';
import { Clock } from '../ingestion/clock.js';
import type {
  AtRiskSummary,
  AtRiskTally,
  BoardPack,
  PackFigure,
  PackHeadline,
  RevisedFigure,
  RevisionHistory,
} from './board-pack.js';

/** How far ahead a deadline counts as due soon in the pack's at-risk summary (as on the overview). */
export const AT_RISK_DAYS = 14;

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

/**
 * Gathers an LA's weekly board pack through the services' public methods: the headline KPIs over the 12 months to
 * the week's Sunday (month by month for the trends), the published comparators, today's at-risk cases counted by
 * step and team, and the week's rollup revisions.
 */
@Injectable()
export class BoardPackService {
  constructor(
    private readonly kpis: KpiService,
    private readonly rollups: RollupService,
    @Inject(PUBLISHED_BENCHMARKS) private readonly benchmarks: PublishedBenchmarks,
    private readonly clock: Clock,
  ) {}

  async pack(la: string, window: WeekWindow): Promise<BoardPack> {
    const from = window.rollingFrom;
    const to = window.weekEnd;
    const names = [...new Set(HEADLINES.map((h) => h.kpi))] as KpiName[];
    const [reports, atRisk, revisions] = await Promise.all([
      Promise.all(names.map(async (name) => [name, await this.kpis.kpi(name, la, { from, to, groupBy: 'month' })])),
      this.kpis.atRisk(la, { withinDays: AT_RISK_DAYS, filters: {}, page: { limit: null } }),
      this.rollups.store.revisions(la, window.week),
    ]);
    const byKpi = new Map(reports as Array<[string, KpiReport]>);
    const published = this.published(la, Number(window.weekEnd.slice(0, 4)));
    const headlines = HEADLINES.map((headline): PackHeadline => {
      const report = byKpi.get(headline.kpi)!;
      return {
        ...headline,
        figure: headlineFigure(report, headline, 'total'),
        trend: report.groups.map((group) => ({
          month: group.period,
          value: valueOf(headlineFigure(report, headline, group.period), headline.kind),
        })),
        comparator: published === undefined ? null : comparatorOf(published, headline),
      };
    });
    return {
      la: { code: la, name: published?.la.name ?? la, region: published?.la.region.name ?? '' },
      week: window.week,
      weekStart: window.weekStart,
      weekEnd: window.weekEnd,
      from,
      to,
      preparedAt: this.clock.now().toISOString(),
      headlines,
      comparatorYear: published?.year ?? null,
      atRisk: atRiskSummary(atRisk),
      revisions: revisionHistory(revisions),
      licence: OGL,
    };
  }

  /** The latest published year up to the week's year (or the earliest published, for an older week). */
  private published(la: string, year: number): LaBenchmarks | undefined {
    const years = this.benchmarks.years;
    const chosen = [...years].reverse().find((y) => y <= year) ?? years[0];
    return chosen === undefined ? undefined : this.benchmarks.benchmarks(la, chosen);
  }
}

/** A headline's figure in one group of its report; the tribunal rate comes from the report's DfE 2024 rates. */
export function headlineFigure(report: KpiReport, headline: Headline, period: string): PackFigure | null {
  const group = period === 'total' ? report.total : report.groups.find((g) => g.period === period);
  if (group === undefined) return null;
  if (headline.measure === 'dfe2024Rate') {
    const appeals = group.figures['appealsRegistered'];
    const denominator = group.figures['dfe2024Denominator'];
    const rates = (report as KpiReport & { rates?: ReadonlyArray<{ period: string; dfe2024Rate: number | null }> })
      .rates;
    const rate = rates?.find((r) => r.period === group.period)?.dfe2024Rate ?? null;
    if (appeals === undefined || denominator === undefined) return null;
    return { numerator: appeals.numerator, denominator: denominator.numerator, rate };
  }
  const figure = group.figures[headline.measure];
  if (figure === undefined) return null;
  return headline.kind === 'count'
    ? { numerator: figure.numerator, denominator: null, rate: null }
    : { numerator: figure.numerator, denominator: figure.denominator, rate: figure.rate };
}

function valueOf(figure: PackFigure | null, kind: Headline['kind']): number | null {
  if (figure === null) return null;
  return kind === 'count' ? figure.numerator : figure.rate;
}

function atRiskSummary(report: AtRiskReport): AtRiskSummary {
  const tally = (keyOf: (c: AtRiskReport['items'][number]) => string | null): AtRiskTally[] => {
    const counts = new Map<string, { overdue: number; dueSoon: number }>();
    for (const c of report.items) {
      const key = keyOf(c) ?? 'not recorded';
      const entry = counts.get(key) ?? { overdue: 0, dueSoon: 0 };
      if (c.status === 'overdue') entry.overdue += 1;
      else entry.dueSoon += 1;
      counts.set(key, entry);
    }
    return [...counts.entries()]
      .map(([key, entry]) => ({ key, ...entry }))
      .sort((a, b) => b.overdue + b.dueSoon - (a.overdue + a.dueSoon) || a.key.localeCompare(b.key));
  };
  return {
    today: report.today,
    withinDays: report.withinDays,
    overdue: report.overdue,
    dueSoon: report.dueSoon,
    byStep: tally((c) => c.step),
    byTeam: tally((c) => c.team),
  };
}

const ROLLUP_FIGURES = [
  'decisionsWithinSixWeeks',
  'newPlansIssued',
  'withinTwentyWeeksIncludingExceptions',
  'withinTwentyWeeksExcludingExceptions',
  'annualReviewsDue',
  'annualReviewsHeldOnTime',
  'appealsRegistered',
  'appealRate',
  'dfe2024AppealRate',
] as const;

/** The week's revisions, and the figures its latest revision changed from the first. */
function revisionHistory(revisions: readonly WeeklyRollup[]): RevisionHistory {
  const first = revisions[0];
  const latest = revisions[revisions.length - 1];
  const changed: RevisedFigure[] = [];
  if (first !== undefined && latest !== undefined && latest !== first) {
    for (const period of ['thisWeek', 'rolling12Months'] as const) {
      for (const figure of ROLLUP_FIGURES) {
        const before = packFigureOf(first[period][figure]);
        const now = packFigureOf(latest[period][figure]);
        if (JSON.stringify(before) !== JSON.stringify(now)) {
          changed.push({ period, figure, firstReported: before, knownNow: now });
        }
      }
    }
  }
  return { revisions: revisions.map((r) => ({ revision: r.revision, computedAt: r.computedAt })), changed };
}

/** A rollup figure as the pack shows it; a figure the week does not report (a rate with no weekly meaning) is null. */
function packFigureOf(
  figure: { numerator: number; denominator: number | null; rate: number | null } | null,
): PackFigure | null {
  return figure === null ? null : { numerator: figure.numerator, denominator: figure.denominator, rate: figure.rate };
}
