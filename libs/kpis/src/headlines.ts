/**
 * The headline figures managers and the board read first (the dashboard's overview and the weekly board pack): which
 * KPI and measure, whether it is a rate or a count, and the DfE published measure it is compared with, where the
 * DfE publishes one with the same definition. Plain data with no imports, so the dashboard's bundle reads the same
 * list as the service.
 */
export interface Headline {
  readonly kpi: string;
  readonly measure: string;
  readonly title: string;
  readonly kind: 'rate' | 'count';
  /** The published measure of `GET /api/v1/las/{la}/benchmarks` with the same definition; null where none has. */
  readonly benchmark: string | null;
}

export const HEADLINES: readonly Headline[] = [
  {
    kpi: 'six-week-decisions',
    measure: 'decidedWithinSixWeeks',
    title: 'Decisions within 6 weeks',
    kind: 'rate',
    benchmark: 'decisions-within-6-weeks',
  },
  {
    kpi: 'twenty-week-timeliness',
    measure: 'withinTwentyWeeksIncludingExceptions',
    title: 'New plans within 20 weeks, including exceptions',
    kind: 'rate',
    benchmark: 'within-20-weeks-including-exceptions',
  },
  {
    kpi: 'twenty-week-timeliness',
    measure: 'withinTwentyWeeksExcludingExceptions',
    title: 'New plans within 20 weeks, excluding exceptions',
    kind: 'rate',
    benchmark: 'within-20-weeks-excluding-exceptions',
  },
  // The DfE counts reviews with a meeting recorded, not reviews held by their due date: not the same figure.
  { kpi: 'annual-reviews', measure: 'heldOnTime', title: 'Annual reviews held on time', kind: 'rate', benchmark: null },
  {
    kpi: 'annual-reviews',
    measure: 'decisionsWithinFourWeeks',
    title: 'Review decisions within 4 weeks',
    kind: 'rate',
    benchmark: 'review-decisions-within-4-weeks',
  },
  {
    kpi: 'tribunal',
    measure: 'dfe2024Rate',
    title: 'Tribunal appeal rate (DfE 2024 method)',
    kind: 'rate',
    benchmark: 'tribunal-appeal-rate',
  },
  { kpi: 'caseload', measure: 'activePlans', title: 'Plans in force', kind: 'count', benchmark: 'plans-in-january' },
];
