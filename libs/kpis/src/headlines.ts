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

/** What a comparator needs of `GET /api/v1/las/{la}/benchmarks` (rates there are percentages). */
export interface PublishedMeasures {
  readonly year: number;
  readonly measures: ReadonlyArray<{
    readonly measure: string;
    readonly kind: 'count' | 'rate';
    readonly timePeriod: string;
    readonly la: PublishedCells | null;
    readonly region: PublishedCells | null;
    readonly england: PublishedCells | null;
  }>;
}

interface PublishedCells {
  readonly numerator: { readonly value: number | null };
  readonly rate: { readonly value: number | null } | null;
}

/** A headline's published comparator; rates are fractions (0.162), like the service's own figures. */
export interface Comparator {
  readonly measure: string;
  /** The calendar year the published figures refer to. */
  readonly year: number;
  /** The DfE time period of the row: the year, or the January census (`202425`) for plans held. */
  readonly timePeriod: string;
  readonly la: number | null;
  readonly region: number | null;
  readonly england: number | null;
}

/** The LA's own published figure, its region's and England's beside a headline; null where none is published. */
export function comparatorOf(published: PublishedMeasures, headline: Headline): Comparator | null {
  if (headline.benchmark === null) return null;
  const measure = published.measures.find((m) => m.measure === headline.benchmark);
  if (measure === undefined) return null;
  const value = (cells: PublishedCells | null): number | null => {
    if (cells === null) return null;
    const cell = measure.kind === 'rate' ? cells.rate : cells.numerator;
    if (cell === null || cell.value === null) return null;
    return measure.kind === 'rate' ? cell.value / 100 : cell.value;
  };
  const figures = { la: value(measure.la), region: value(measure.region), england: value(measure.england) };
  if (figures.la === null && figures.region === null && figures.england === null) return null;
  return { measure: measure.measure, year: published.year, timePeriod: measure.timePeriod, ...figures };
}
