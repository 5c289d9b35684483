import type { PlacementSetting } from './events.js';

/** The groups the DfE publishes the January caseload in (its `_total` columns), each setting in exactly one. */
export const PLACEMENT_GROUPS = [
  'mainstream',
  'special',
  'alternative-provision',
  'post-16',
  'educated-elsewhere',
  'early-years',
] as const;
export type PlacementGroup = (typeof PLACEMENT_GROUPS)[number];

const GROUP_OF: Readonly<Record<PlacementSetting, PlacementGroup>> = {
  'mainstream-la-maintained': 'mainstream',
  'mainstream-la-maintained-resourced-provision': 'mainstream',
  'mainstream-la-maintained-sen-unit': 'mainstream',
  'mainstream-academy': 'mainstream',
  'mainstream-academy-resourced-provision': 'mainstream',
  'mainstream-academy-sen-unit': 'mainstream',
  'mainstream-free-school': 'mainstream',
  'mainstream-free-school-resourced-provision': 'mainstream',
  'mainstream-free-school-sen-unit': 'mainstream',
  'mainstream-independent': 'mainstream',
  'special-la-maintained': 'special',
  'special-academy-or-free-school': 'special',
  'special-independent': 'special',
  'special-non-maintained': 'special',
  'alternative-provision-academy': 'alternative-provision',
  'alternative-provision-free-school': 'alternative-provision',
  'pupil-referral-unit': 'alternative-provision',
  'further-education-college': 'post-16',
  'sixth-form-college': 'post-16',
  'specialist-post-16': 'post-16',
  'apprenticeship-or-training-provider': 'post-16',
  // The DfE's "educated elsewhere": home education, other arrangements and settings, and NEET.
  'elective-home-education': 'educated-elsewhere',
  'other-arrangements-la': 'educated-elsewhere',
  'other-arrangements-parents': 'educated-elsewhere',
  'other-setting': 'educated-elsewhere',
  neet: 'educated-elsewhere',
  'non-maintained-early-years': 'early-years',
};

export function placementGroup(setting: PlacementSetting): PlacementGroup {
  return GROUP_OF[setting];
}

/** Independent or non-maintained special schools: the placements strategies aim to use less. */
export function isIndependentOrNonMaintainedSpecial(setting: PlacementSetting): boolean {
  return setting === 'special-independent' || setting === 'special-non-maintained';
}
