import type { PrimaryNeed } from '#pathway';

/**
 * National figures for England that the synthetic LA is calibrated on. Source: DfE "Education, health and care
 * plans" statistics (the SEN2 collection) and MoJ tribunal statistics, as published; figures marked approx are
 * rounded. Copied here so that a deployment needs no data file at run time.
 */
export interface NationalCalibration {
  /** EHC plans maintained on the January census date, by year. */
  readonly ehcPlansInJanuary: Readonly<Record<number, number>>;
  readonly localAuthorities: number;
  readonly plansPerLaApprox2025: number;
  /** Initial requests for an EHC needs assessment, by calendar year. */
  readonly initialRequests: Readonly<Record<number, number>>;
  /** New EHC plans issued, by calendar year. */
  readonly newPlansIssued: Readonly<Record<number, number>>;
  /** Share of initial requests refused, by calendar year. */
  readonly requestsRefusedShare: Readonly<Record<number, number>>;
  /** Share of assessments that led to a plan, by calendar year. */
  readonly assessmentsLeadingToPlanShare: Readonly<Record<number, number>>;
  /** New plans issued within 20 weeks, plans with an exception left out, by calendar year of issue. */
  readonly within20WeeksExcludingExceptions: Readonly<Record<number, number>>;
  /** New plans issued within 20 weeks, all plans counted, by calendar year of issue. */
  readonly within20WeeksIncludingExceptions: Readonly<Record<number, number>>;
  readonly check2019: {
    readonly including: { readonly within: number; readonly issued: number };
    readonly excluding: { readonly within: number; readonly issued: number };
  };
  /** Annual reviews of 10-year-olds due in 2025: completed within the time limit; decision within 4 weeks. */
  readonly annualReviews2025Age10: {
    readonly expected: number;
    readonly completedShare: number;
    readonly decisionWithin4WeeksShare: number;
  };
  /** SEND tribunal appeals registered (MoJ), by period. */
  readonly tribunalAppealsRegistered: Readonly<Record<string, number>>;
  /** Appeals / (refusals + no-plan decisions + plans in January + plans ceased as needs met), DfE 2024 method. */
  readonly tribunalAppealRate2024DfEMethodApprox: number;
  /** Of appeals decided, the share decided in the appellant's favour (at least in part), by academic year. */
  readonly appealsDecidedInAppellantFavour: Readonly<Record<string, number>>;
  readonly appealsWithdrawnOrConcededShareApprox: number;
  /** Share of plans by primary type of need, January 2025. */
  readonly primaryNeedShareJanuary2025: Readonly<Record<PrimaryNeed, number>>;
  readonly newPlansMaleShare2023: number;
}

export const NATIONAL_CALIBRATION: NationalCalibration = Object.freeze({
  ehcPlansInJanuary: { 2022: 473255, 2023: 517049, 2024: 575963, 2025: 638745 },
  localAuthorities: 153,
  plansPerLaApprox2025: 4175,
  initialRequests: { 2020: 75951, 2021: 93302, 2022: 114482, 2023: 138242, 2024: 154489 },
  newPlansIssued: { 2020: 60097, 2021: 62180, 2022: 66706, 2023: 84428, 2024: 97747 },
  requestsRefusedShare: { 2020: 0.216, 2022: 0.221, 2023: 0.24 },
  assessmentsLeadingToPlanShare: { 2019: 0.941, 2020: 0.951 },
  within20WeeksExcludingExceptions: { 2019: 0.604, 2020: 0.58, 2021: 0.599, 2022: 0.507 },
  within20WeeksIncludingExceptions: { 2019: 0.587, 2020: 0.556, 2022: 0.492, 2023: 0.503, 2024: 0.464 },
  check2019: { including: { within: 31313, issued: 53327 }, excluding: { within: 29895, issued: 49519 } },
  annualReviews2025Age10: { expected: 37622, completedShare: 0.737, decisionWithin4WeeksShare: 0.479 },
  tribunalAppealsRegistered: { '2021/22': 11052, '2022/23': 13658, '2023/24 approx': 21000, 'calendar 2024': 22276 },
  tribunalAppealRate2024DfEMethodApprox: 0.06,
  appealsDecidedInAppellantFavour: { '2021/22': 0.964, '2022/23': 0.983 },
  appealsWithdrawnOrConcededShareApprox: 0.33,
  primaryNeedShareJanuary2025: {
    ASD: 0.315,
    SLCN: 0.213,
    SEMH: 0.207,
    MLD: 0.106,
    SLD: 0.039,
    PD: 0.039,
    SPLD: 0.024,
    HI: 0.014,
    PMLD: 0.013,
    OTH: 0.012,
    VI: 0.008,
    MSI: 0.003,
    NSA: 0.008,
  },
  newPlansMaleShare2023: 0.682,
});

/**
 * The value for `year` from a table keyed by year: the year's own figure, a straight-line blend between the nearest
 * published years around it, or the nearest published year outside the table.
 */
export function figureForYear(table: Readonly<Record<number, number>>, year: number): number {
  const years = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('empty calibration table');
  if (year <= first) return table[first] as number;
  if (year >= last) return table[last] as number;
  let below = first;
  for (const y of years) {
    if (y <= year) below = y;
  }
  const above = years.find((y) => y > year) ?? last;
  const lo = table[below] as number;
  const hi = table[above] as number;
  return lo + ((hi - lo) * (year - below)) / (above - below);
}

/** Compound annual growth between the first and last years of a table. */
export function annualGrowth(table: Readonly<Record<number, number>>): number {
  const years = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined || first === last) return 1;
  return ((table[last] as number) / (table[first] as number)) ** (1 / (last - first));
}

/** Yearly growth of requests assumed before the first published year (the published years grew faster, 19% a
 * year, as requests surged after 2020; earlier growth was slower). */
export const REQUEST_GROWTH_BEFORE_TABLE = 1.08;

/**
 * National initial requests in `year`: the published figure; after the table, the last figure grown at the last
 * year's rate; before it, the first figure shrunk by {@link REQUEST_GROWTH_BEFORE_TABLE} a year.
 */
export function nationalRequestsInYear(calibration: NationalCalibration, year: number): number {
  const table = calibration.initialRequests;
  const years = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const known = table[year];
  if (known !== undefined) return known;
  if (year > last) {
    const beforeLast = table[last - 1] ?? table[last];
    const lastGrowth = (table[last] as number) / (beforeLast as number);
    return (table[last] as number) * lastGrowth ** (year - last);
  }
  return (table[first] as number) / REQUEST_GROWTH_BEFORE_TABLE ** (first - year);
}
