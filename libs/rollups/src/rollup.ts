import { addDays, type CalendarSettings, type IsoDate } from '#calendar';
import {
  annualReviews,
  atRisk,
  caseload,
  CLOCK_WEEK_BANDS,
  januaryCensusDate,
  sixWeekDecisions,
  tribunal,
  twentyWeekTimeliness,
  type WorklistItem,
  type Figure,
  type KpiReport,
  type ReportOptions,
} from '#kpis';
import { factSpan, pendingDeadlines, type FactKind, type FactRow } from '#projections';
import { factsOn } from './facts-on.js';
import type { WeekWindow } from './weeks.js';

/**
 * The shape of the rollup payload. 1: figures as `{numerator, denominator, rate}` only. 2: every figure says its
 * `unit`; a rate gives its `fraction` beside the rounded `rate`; `settings` names the counting settings; the weekly
 * DfE 2024 appeal rate is null (its denominator is a year's, not a week's).
 */
export const ROLLUP_SCHEMA_VERSION = 2;

/** A plain count: `numerator` is the count (`denominator` and `rate` null, as in schema version 1). */
export interface RollupCount {
  readonly unit: 'count';
  readonly numerator: number;
  readonly denominator: null;
  readonly rate: null;
}

/**
 * A rate: `numerator` of `denominator`, both counted over the same period; `fraction` is numerator / denominator
 * unrounded (null when the denominator is 0), `rate` the same to 4 decimal places.
 */
export interface RollupRate {
  readonly unit: 'rate';
  readonly numerator: number;
  readonly denominator: number;
  readonly fraction: number | null;
  readonly rate: number | null;
}

/** A figure as the board receives it. */
export type RollupFigure = RollupCount | RollupRate;

/** The settings a rollup was counted under, so two rollups can be compared only when they agree. */
export interface RollupSettings extends CalendarSettings {
  /** The at-risk horizon after the week's Sunday. */
  readonly atRiskDays: number;
  /** Weeks run Monday to Sunday in this time zone. */
  readonly timeZone: 'Europe/London';
}

/** The headline KPIs over one period (a week, or the 12 months to its Sunday). */
export interface HeadlineFigures {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Of requests decided in the period (withdrawn excluded), those decided within 6 weeks. */
  readonly decisionsWithinSixWeeks: RollupFigure;
  /** New plans issued in the period (SEN2, by final plan date). */
  readonly newPlansIssued: RollupFigure;
  readonly withinTwentyWeeksIncludingExceptions: RollupFigure;
  readonly withinTwentyWeeksExcludingExceptions: RollupFigure;
  /** Annual reviews due in the period. */
  readonly annualReviewsDue: RollupFigure;
  /** Of reviews due in the period, those held by their due date. */
  readonly annualReviewsHeldOnTime: RollupFigure;
  readonly appealsRegistered: RollupFigure;
  /** Appeals registered / appealable decisions in the period. */
  readonly appealRate: RollupRate;
  /**
   * Appeals registered / DfE 2024 denominator (refusals, no-plan, ceased as needs met, plans at the January census).
   * Null for a week: the census count is a year's stock, not a week's.
   */
  readonly dfe2024AppealRate: RollupRate | null;
}

/** Requests and assessments open at the end of the week's Sunday, by week of the clock. */
export interface Backlog {
  readonly on: IsoDate;
  readonly openRequests: number;
  readonly byClockWeeks: Readonly<Record<string, number>>;
  readonly activePlans: number;
}

/** Cases whose next statutory deadline, as the case stood on the Sunday, had passed or fell within N days. */
export interface AtRiskCounts {
  readonly on: IsoDate;
  readonly withinDays: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly total: number;
  readonly byStep: Readonly<Record<string, number>>;
}

/** One LA's rollup of one ISO week, as stored, served and published. JSON all the way down. */
export interface WeeklyRollup {
  /** The payload's shape (ROLLUP_SCHEMA_VERSION). */
  readonly schemaVersion: number;
  readonly settings: RollupSettings;
  readonly la: string;
  readonly week: string;
  readonly weekStart: IsoDate;
  readonly weekEnd: IsoDate;
  /** 1 for the week as first reported; higher once later-recorded facts changed it. */
  readonly revision: number;
  /** ISO instant. */
  readonly computedAt: string;
  /** The event-store position the case clocks had folded up to when this was computed. */
  readonly basedOnPosition: string;
  readonly thisWeek: HeadlineFigures;
  readonly rolling12Months: HeadlineFigures;
  readonly backlog: Backlog;
  readonly atRisk: AtRiskCounts;
}

/** The fact kinds a rollup reads. */
export const ROLLUP_FACT_KINDS: readonly FactKind[] = [
  'request-decision',
  'new-plan',
  'annual-review',
  'amendment',
  'phase-transfer',
  'tribunal-appeal',
  'appealable-decision',
  'plan',
];

/**
 * The fact rows one computation needs for these windows: a superset (the KPI functions apply their exact rules),
 * reaching back to 1 January of the earliest rolling year for the DfE census denominator and forward by the
 * at-risk horizon (or to a week's January census day, when that is later).
 */
export function factRange(windows: readonly WeekWindow[], atRiskDays: number): { from: IsoDate; to: IsoDate } {
  if (windows.length === 0) throw new RangeError('no weeks to compute');
  const earliest = windows.reduce((a, b) => (a.rollingFrom <= b.rollingFrom ? a : b)).rollingFrom;
  const latest = windows.reduce((a, b) => (a.weekEnd >= b.weekEnd ? a : b)).weekEnd;
  let to = addDays(latest, atRiskDays);
  for (const window of windows) {
    const census = januaryCensusDate(Number(window.weekStart.slice(0, 4)));
    if (census > to) to = census;
  }
  return { from: `${earliest.slice(0, 4)}-01-01`, to };
}

export interface ComputeOptions {
  readonly atRiskDays: number;
  readonly settings: CalendarSettings;
  readonly computedAt: Date;
  readonly basedOnPosition: string;
}

/**
 * One week's rollup from the LA's fact rows, through the KPI functions. The reference date of every
 * date-relative figure is the week's Sunday (not today), so a week's content changes only when facts do.
 */
export function computeRollup(
  la: string,
  window: WeekWindow,
  rows: readonly FactRow[],
  options: ComputeOptions,
): Omit<WeeklyRollup, 'revision'> {
  const spanned = rows.map((row) => ({ row, ...factSpan(row.fact) }));
  const { countFrom, reviewDue, nextReviewFrom } = options.settings;
  return {
    schemaVersion: ROLLUP_SCHEMA_VERSION,
    settings: { countFrom, reviewDue, nextReviewFrom, atRiskDays: options.atRiskDays, timeZone: 'Europe/London' },
    la,
    week: window.week,
    weekStart: window.weekStart,
    weekEnd: window.weekEnd,
    computedAt: options.computedAt.toISOString(),
    basedOnPosition: options.basedOnPosition,
    thisWeek: headlines(meeting(spanned, window.weekStart, window.weekEnd), window.weekStart, window.weekEnd, false),
    rolling12Months: headlines(
      meeting(spanned, window.rollingFrom, window.weekEnd),
      window.rollingFrom,
      window.weekEnd,
      true,
    ),
    backlog: backlogOn(meeting(spanned, window.weekEnd, window.weekEnd), window),
    atRisk: atRiskOn(
      la,
      meeting(spanned, window.weekEnd, addDays(window.weekEnd, options.atRiskDays)),
      window.weekEnd,
      options.atRiskDays,
    ),
  };
}

/**
 * The rows whose span meets [from, to], as the read model's SQL narrows them (the KPI functions then apply their
 * exact rules), and the plans held at any time from 1 January of `from`'s year to its January census day (which may
 * fall after `to`) for the DfE 2024 denominator.
 */
function meeting(
  spanned: ReadonlyArray<{ row: FactRow; from: IsoDate; until: IsoDate | null }>,
  from: IsoDate,
  to: IsoDate,
): FactRow[] {
  const yearStart = `${from.slice(0, 4)}-01-01`;
  const census = januaryCensusDate(Number(from.slice(0, 4)));
  const plansTo = census > to ? census : to;
  const meets = (s: { row: FactRow; from: IsoDate; until: IsoDate | null }) =>
    s.row.fact.kind === 'plan'
      ? s.from <= plansTo && (s.until === null || s.until >= yearStart)
      : s.from <= to && (s.until === null || s.until >= from);
  return spanned.filter(meets).map((s) => s.row);
}

/** The figures over [from, to]; date-relative ones (a review overdue) are judged at `to`, the week's Sunday. */
function headlines(rows: readonly FactRow[], from: IsoDate, to: IsoDate, yearLong: boolean): HeadlineFigures {
  // One group per calendar year keeps the work per call small; only the total is used.
  const options: ReportOptions = { from, to, groupBy: 'year' };
  const six = totals(sixWeekDecisions(rows, options));
  const twenty = totals(twentyWeekTimeliness(rows, options));
  const reviews = totals(annualReviews(rows, options, to));
  const appeals = tribunal(rows, options);
  const appealFigures = appeals.total.figures;
  const appealsRegistered = figure(appealFigures, 'appealsRegistered');
  const rateOver = (denominatorName: string): RollupRate =>
    rate(appealsRegistered.numerator, figure(appealFigures, denominatorName).numerator);
  return {
    from,
    to,
    decisionsWithinSixWeeks: figure(six, 'decidedWithinSixWeeks'),
    newPlansIssued: figure(twenty, 'newPlansIssued'),
    withinTwentyWeeksIncludingExceptions: figure(twenty, 'withinTwentyWeeksIncludingExceptions'),
    withinTwentyWeeksExcludingExceptions: figure(twenty, 'withinTwentyWeeksExcludingExceptions'),
    annualReviewsDue: figure(reviews, 'reviewsDue'),
    annualReviewsHeldOnTime: figure(reviews, 'heldOnTime'),
    appealsRegistered,
    appealRate: rateOver('appealableDecisions'),
    dfe2024AppealRate: yearLong ? rateOver('dfe2024Denominator') : null,
  };
}

function backlogOn(rows: readonly FactRow[], window: WeekWindow): Backlog {
  const figures = totals(
    caseload(rows, { from: window.weekStart, to: window.weekEnd, groupBy: 'year' }, window.weekEnd),
  );
  const byClockWeeks: Record<string, number> = {};
  for (const band of CLOCK_WEEK_BANDS) byClockWeeks[band.name] = figure(figures, band.name).numerator;
  return {
    on: window.weekEnd,
    openRequests: figure(figures, 'openRequests').numerator,
    byClockWeeks,
    activePlans: figure(figures, 'activePlans').numerator,
  };
}

function atRiskOn(la: string, rows: readonly FactRow[], on: IsoDate, withinDays: number): AtRiskCounts {
  const byCase = new Map<string, FactRow[]>();
  for (const row of rows) {
    const list = byCase.get(row.caseId);
    if (list === undefined) byCase.set(row.caseId, [row]);
    else list.push(row);
  }
  const entries: WorklistItem[] = [];
  for (const [caseId, caseRows] of byCase) {
    const next = pendingDeadlines(
      factsOn(
        caseRows.map((row) => row.fact),
        on,
      ),
    )[0];
    if (next === undefined) continue;
    const first = caseRows[0]!;
    entries.push({
      caseId,
      stage: next.step,
      step: next.step,
      ref: next.step,
      due: next.due,
      until: null,
      action: next.step,
      team: first.team,
      primaryNeed: first.primaryNeed,
    });
  }
  const report = atRisk(entries, on, withinDays);
  return {
    on,
    withinDays,
    overdue: report.overdue,
    dueSoon: report.dueSoon,
    total: report.total,
    byStep: report.byStep,
  };
}

function totals(report: KpiReport): Readonly<Record<string, Figure>> {
  return report.total.figures;
}

function figure(figures: Readonly<Record<string, Figure>>, name: string): RollupFigure {
  const found = figures[name];
  if (found === undefined) throw new Error(`the KPI report has no figure ${name}`);
  return found.denominator === null
    ? { unit: 'count', numerator: found.numerator, denominator: null, rate: null }
    : rate(found.numerator, found.denominator);
}

function rate(numerator: number, denominator: number): RollupRate {
  const fraction = denominator === 0 ? null : numerator / denominator;
  return {
    unit: 'rate',
    numerator,
    denominator,
    fraction,
    rate: fraction === null ? null : Math.round(fraction * 10000) / 10000,
  };
}
