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
  // Every placement column: the totals the benchmarks read, and each setting type a synthetic LA's mix follows.
  [CASELOAD_FILE]: [
    'ehcplans',
    'mainstream_la_maintained',
    'mainstream_la_maintained_resourced_provision',
    'mainstream_la_maintained_senunit',
    'mainstream_academy',
    'mainstream_academy_resourced_provision',
    'mainstream_academy_senunit',
    'mainstream_free_school',
    'mainstream_free_school_resourced_provision',
    'mainstream_free_school_senunit',
    'mainstream_independent',
    'mainstream_total',
    'mainstream_total_pc',
    'special_la_maintained',
    'special_academy_free',
    'special_independent',
    'special_non_maintained',
    'special_total',
    'special_total_pc',
    'ap_pru_academy',
    'ap_pru_free_school',
    'ap_pru_la_maintained',
    'ap_pru_total',
    'AP_PRU_total_pc',
    'general_fe_tertiary_colleges',
    'specialist_post_16_institutions',
    'ukrlp_provider',
    'fe_total',
    'fe_total_pc',
    'elective_home_education',
    'other_arrangements_la',
    'other_arrangements_parents',
    'online_provider',
    'w_settings',
    'other_schools',
    'other_placement_settings',
    'neet',
    'neet_ntci',
    'neet_other',
    'neet_other_csa',
    'ed_elsewhere',
    'ed_elsewhere_pc',
    'nm_early_years',
    'nm_early_years_pc',
    'placement_unknown',
    'placement_unknown_pc',
  ],
};
