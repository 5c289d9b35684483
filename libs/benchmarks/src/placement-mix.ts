import type { PlacementSetting } from '#pathway';

/** A setting type of the SEN2 placement module, or a plan whose placement the LA did not record. */
export type PlacementMixKey = PlacementSetting | 'not-recorded';

/** Shares of plans held on a January census day by placement, summing to 1. */
export type PlacementMix = Readonly<Partial<Record<PlacementMixKey, number>>>;

/**
 * The caseload file's columns behind each setting type, with the part of the column it takes: the DfE publishes FE
 * colleges and sixth-form colleges as one column (taken here as four to one), and online providers, Welsh settings,
 * other school types and other placements as "other".
 */
export const PLACEMENT_COLUMNS: Readonly<Record<PlacementMixKey, ReadonlyArray<readonly [string, number]>>> = {
  'mainstream-la-maintained': [['mainstream_la_maintained', 1]],
  'mainstream-la-maintained-resourced-provision': [['mainstream_la_maintained_resourced_provision', 1]],
  'mainstream-la-maintained-sen-unit': [['mainstream_la_maintained_senunit', 1]],
  'mainstream-academy': [['mainstream_academy', 1]],
  'mainstream-academy-resourced-provision': [['mainstream_academy_resourced_provision', 1]],
  'mainstream-academy-sen-unit': [['mainstream_academy_senunit', 1]],
  'mainstream-free-school': [['mainstream_free_school', 1]],
  'mainstream-free-school-resourced-provision': [['mainstream_free_school_resourced_provision', 1]],
  'mainstream-free-school-sen-unit': [['mainstream_free_school_senunit', 1]],
  'mainstream-independent': [['mainstream_independent', 1]],
  'special-la-maintained': [['special_la_maintained', 1]],
  'special-academy-or-free-school': [['special_academy_free', 1]],
  'special-independent': [['special_independent', 1]],
  'special-non-maintained': [['special_non_maintained', 1]],
  'alternative-provision-academy': [['ap_pru_academy', 1]],
  'alternative-provision-free-school': [['ap_pru_free_school', 1]],
  'pupil-referral-unit': [['ap_pru_la_maintained', 1]],
  'further-education-college': [['general_fe_tertiary_colleges', 0.8]],
  'sixth-form-college': [['general_fe_tertiary_colleges', 0.2]],
  'specialist-post-16': [['specialist_post_16_institutions', 1]],
  'apprenticeship-or-training-provider': [['ukrlp_provider', 1]],
  'elective-home-education': [['elective_home_education', 1]],
  'other-arrangements-la': [['other_arrangements_la', 1]],
  'other-arrangements-parents': [['other_arrangements_parents', 1]],
  'other-setting': [
    ['online_provider', 1],
    ['w_settings', 1],
    ['other_schools', 1],
    ['other_placement_settings', 1],
  ],
  neet: [
    ['neet', 1],
    ['neet_ntci', 1],
    ['neet_other', 1],
    ['neet_other_csa', 1],
  ],
  'non-maintained-early-years': [['nm_early_years', 1]],
  'not-recorded': [['placement_unknown', 1]],
};

/**
 * The mix from one caseload row's cells (`x`, `c` and `z` count as none): each setting's share of the plans the row
 * places. Null when the row places no plan.
 */
export function placementMixOf(value: (column: string) => number | null): PlacementMix | null {
  const counts = Object.entries(PLACEMENT_COLUMNS).map(
    ([key, columns]) => [key, columns.reduce((sum, [column, part]) => sum + (value(column) ?? 0) * part, 0)] as const,
  );
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  if (total <= 0) return null;
  return Object.fromEntries(counts.filter(([, count]) => count > 0).map(([key, count]) => [key, count / total]));
}
