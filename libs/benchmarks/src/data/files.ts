/** The DfE files the service ships (libs/benchmarks/data/) and the columns kept of each. */
export const GEOGRAPHY_COLUMNS = [
  'time_period',
  'geographic_level',
  'region_code',
  'region_name',
  'new_la_code',
  'old_la_code',
  'la_name',
] as const;

export const REQUESTS_FILE = 'requests.csv';
export const TIMELINESS_FILE = 'timeliness_20_week.csv';
export const NEW_PLANS_FILE = 'newplans.csv';
export const ANNUAL_REVIEWS_FILE = 'annual_reviews.csv';
export const CASELOAD_FILE = 'caseload.csv';
/** MoJ/DfE appeal-rate table, shipped whole (it is a spreadsheet export, not a tidy file). */
export const TRIBUNAL_FILE = 'tribunal-appeal-rate-2014-2024.csv';

export type DfeFile =
  | typeof REQUESTS_FILE
  | typeof TIMELINESS_FILE
  | typeof NEW_PLANS_FILE
  | typeof ANNUAL_REVIEWS_FILE
  | typeof CASELOAD_FILE;

export const KEPT_COLUMNS: Readonly<Record<DfeFile, readonly string[]>> = {
  [REQUESTS_FILE]: [
    'requests_received_in_year',
    'requests_decided_to_assess',
    'requests_decided_not_to_assess',
    'requests_withdrawn',
    'request_not_assess_pc',
    'request_outcome_six_weeks',
    'request_outcome_over_6_weeks',
    'request_outcome_six_weeks_pc',
  ],
  [TIMELINESS_FILE]: [
    'plans_issued_den',
    'plans_issued_den_ex',
    'plans_issued_within_20_weeks',
    'plans_issued_20_weeks_ex',
    'pc_plans_issued_within_20_weeks',
    'PC_plans_issued_20_weeks_ex',
  ],
  [NEW_PLANS_FILE]: ['new_ehc_plans'],
  [ANNUAL_REVIEWS_FILE]: [
    'total_ehc_plans',
    'review_expected',
    'total_review_meeting',
    'number_decsion_4weeks',
    'number_decision_gt_4weeks',
    'pc_decsion_4weeks',
  ],
  [CASELOAD_FILE]: [
    'ehcplans',
    'mainstream_total',
    'mainstream_total_pc',
    'special_total',
    'special_total_pc',
    'special_independent',
    'special_non_maintained',
    'ap_pru_total',
    'AP_PRU_total_pc',
    'fe_total',
    'fe_total_pc',
  ],
};
