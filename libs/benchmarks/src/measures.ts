import {
  ANNUAL_REVIEWS_FILE,
  CASELOAD_FILE,
  NEW_PLANS_FILE,
  REQUESTS_FILE,
  TIMELINESS_FILE,
  type DfeFile,
} from './data/files.js';

/** A published measure read from a DfE file: columns summed for the numerator and denominator, the rate column. */
export interface DfeMeasure {
  readonly source: 'dfe';
  readonly name: string;
  readonly description: string;
  readonly file: DfeFile;
  readonly numerator: readonly string[];
  readonly denominator?: readonly string[];
  /** The DfE's own percentage column; without it the rate is computed (one decimal place). */
  readonly rate?: string;
  /** True when a higher figure is better (rank 1 is the best); null when neither is (rank 1 is the largest). */
  readonly higherIsBetter: boolean | null;
  /** The KPI route of this service that computes the figure live (null: not computed yet). */
  readonly serviceKpi: string | null;
}

/** The appeal-rate measure, read from the MoJ/DfE table. */
export interface TribunalMeasure {
  readonly source: 'tribunal';
  readonly name: string;
  readonly description: string;
  readonly higherIsBetter: boolean | null;
  readonly serviceKpi: string | null;
}

export type Measure = DfeMeasure | TribunalMeasure;

export const MEASURES: readonly Measure[] = [
  {
    source: 'dfe',
    name: 'requests-received',
    description: 'Initial requests for an EHC needs assessment received in the calendar year',
    file: REQUESTS_FILE,
    numerator: ['requests_received_in_year'],
    higherIsBetter: null,
    serviceKpi: 'six-week-decisions',
  },
  {
    source: 'dfe',
    name: 'refusal-share',
    description: 'Requests where the LA decided not to assess, of requests received',
    file: REQUESTS_FILE,
    numerator: ['requests_decided_not_to_assess'],
    denominator: ['requests_received_in_year'],
    rate: 'request_not_assess_pc',
    higherIsBetter: false,
    serviceKpi: 'six-week-decisions',
  },
  {
    source: 'dfe',
    name: 'decisions-within-6-weeks',
    description: 'Requests decided within 6 weeks, of requests decided',
    file: REQUESTS_FILE,
    numerator: ['request_outcome_six_weeks'],
    denominator: ['request_outcome_six_weeks', 'request_outcome_over_6_weeks'],
    rate: 'request_outcome_six_weeks_pc',
    higherIsBetter: true,
    serviceKpi: 'six-week-decisions',
  },
  {
    source: 'dfe',
    name: 'new-plans',
    description: 'New EHC plans made in the calendar year',
    file: NEW_PLANS_FILE,
    numerator: ['new_ehc_plans'],
    higherIsBetter: null,
    serviceKpi: 'twenty-week-timeliness',
  },
  {
    source: 'dfe',
    name: 'within-20-weeks-including-exceptions',
    description: 'New plans issued within 20 weeks, every plan counted',
    file: TIMELINESS_FILE,
    numerator: ['plans_issued_within_20_weeks'],
    denominator: ['plans_issued_den'],
    rate: 'pc_plans_issued_within_20_weeks',
    higherIsBetter: true,
    serviceKpi: 'twenty-week-timeliness',
  },
  {
    source: 'dfe',
    name: 'within-20-weeks-excluding-exceptions',
    description: 'New plans issued within 20 weeks, plans with an exception left out',
    file: TIMELINESS_FILE,
    numerator: ['plans_issued_20_weeks_ex'],
    denominator: ['plans_issued_den_ex'],
    rate: 'PC_plans_issued_20_weeks_ex',
    higherIsBetter: true,
    serviceKpi: 'twenty-week-timeliness',
  },
  {
    source: 'dfe',
    name: 'plans-in-january',
    description: 'EHC plans maintained on the January census date after the calendar year (same SEN2 return)',
    file: CASELOAD_FILE,
    numerator: ['ehcplans'],
    higherIsBetter: null,
    serviceKpi: 'caseload',
  },
  {
    source: 'dfe',
    name: 'annual-reviews-held',
    description: 'Annual reviews with a meeting recorded, of reviews expected in the calendar year (2024 on)',
    file: ANNUAL_REVIEWS_FILE,
    numerator: ['total_review_meeting'],
    denominator: ['review_expected'],
    higherIsBetter: true,
    serviceKpi: 'annual-reviews',
  },
  {
    source: 'dfe',
    name: 'review-decisions-within-4-weeks',
    description: 'Review outcomes communicated within 4 weeks of the meeting, of outcomes communicated (2024 on)',
    file: ANNUAL_REVIEWS_FILE,
    numerator: ['number_decsion_4weeks'],
    denominator: ['number_decsion_4weeks', 'number_decision_gt_4weeks'],
    rate: 'pc_decsion_4weeks',
    higherIsBetter: true,
    serviceKpi: 'annual-reviews',
  },
  {
    source: 'tribunal',
    name: 'tribunal-appeal-rate',
    description: 'SEND Tribunal appeals registered, of total appealable decisions (DfE method)',
    higherIsBetter: false,
    serviceKpi: 'tribunal',
  },
  {
    source: 'dfe',
    name: 'placement-mainstream',
    description: 'Plans held in January with a mainstream school placement',
    file: CASELOAD_FILE,
    numerator: ['mainstream_total'],
    denominator: ['ehcplans'],
    rate: 'mainstream_total_pc',
    higherIsBetter: null,
    serviceKpi: 'placements',
  },
  {
    source: 'dfe',
    name: 'placement-special',
    description: 'Plans held in January with a special school placement',
    file: CASELOAD_FILE,
    numerator: ['special_total'],
    denominator: ['ehcplans'],
    rate: 'special_total_pc',
    higherIsBetter: null,
    serviceKpi: 'placements',
  },
  {
    source: 'dfe',
    name: 'placement-independent-or-non-maintained-special',
    description: 'Plans held in January placed in an independent or non-maintained special school',
    file: CASELOAD_FILE,
    numerator: ['special_independent', 'special_non_maintained'],
    denominator: ['ehcplans'],
    higherIsBetter: null,
    serviceKpi: 'placements',
  },
  {
    source: 'dfe',
    name: 'placement-alternative-provision',
    description: 'Plans held in January placed in alternative provision or a pupil referral unit',
    file: CASELOAD_FILE,
    numerator: ['ap_pru_total'],
    denominator: ['ehcplans'],
    rate: 'AP_PRU_total_pc',
    higherIsBetter: null,
    serviceKpi: 'placements',
  },
  {
    source: 'dfe',
    name: 'placement-further-education',
    description: 'Plans held in January placed in further education',
    file: CASELOAD_FILE,
    numerator: ['fe_total'],
    denominator: ['ehcplans'],
    rate: 'fe_total_pc',
    higherIsBetter: null,
    serviceKpi: 'placements',
  },
];

/** The file's time period for a calendar year: the caseload is the January census of the same SEN2 return. */
export function timePeriodOf(file: DfeFile, year: number): string {
  if (file === CASELOAD_FILE) return `${year}${String((year + 1) % 100).padStart(2, '0')}`;
  return String(year);
}
