/** A pathway fact as the generator writes it (only what the counts read). */
export interface CountedFact {
  readonly type: string;
  readonly caseId: string;
  readonly occurredOn: string;
  readonly data: unknown;
}

/** A generated LA's figures for one calendar year, counted straight from its facts (no noise assumed). */
export interface FactCounts {
  readonly requests: number;
  readonly refusalShare: number;
  readonly decisionsWithin6Weeks: number;
  readonly newPlans: number;
  /** Counted from each case's latest request; plans made under a tribunal order are left out, as the service's
   * 20-week measure leaves them out. */
  readonly within20Weeks: number;
  /** Plans maintained at the end of the facts. */
  readonly plans: number;
  /** Of plans held on the January census day of the year, the share in each published placement group. */
  readonly placementMainstream: number;
  readonly placementSpecial: number;
  readonly placementIndependentOrNonMaintainedSpecial: number;
  readonly placementAlternativeProvision: number;
  readonly placementFurtherEducation: number;
}

/** The published placement groups, by the setting types they hold. */
const PLACEMENT_GROUPS = {
  placementMainstream: (setting: string) => setting.startsWith('mainstream-'),
  placementSpecial: (setting: string) => setting.startsWith('special-'),
  placementIndependentOrNonMaintainedSpecial: (setting: string) =>
    setting === 'special-independent' || setting === 'special-non-maintained',
  placementAlternativeProvision: (setting: string) =>
    setting.startsWith('alternative-provision-') || setting === 'pupil-referral-unit',
  placementFurtherEducation: (setting: string) =>
    [
      'further-education-college',
      'sixth-form-college',
      'specialist-post-16',
      'apprenticeship-or-training-provider',
    ].includes(setting),
} as const;

const settingOf = (data: unknown): string =>
  typeof data === 'object' && data !== null && 'setting' in data ? String(data.setting) : '';

const DAY_MS = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const decisionOf = (data: unknown): unknown =>
  typeof data === 'object' && data !== null && 'decision' in data ? data.decision : undefined;

/** `census` is the January census day of `year` (the placement shares are counted on it). */
export function countFacts(events: Iterable<CountedFact>, year: number, census = `${year}-01-18`): FactCounts {
  /** Each case's placement on the census day: null while it holds a plan with none recorded. */
  const placedOnCensus = new Map<string, string | null>();
  const requestedOn = new Map<string, number>();
  let requests = 0;
  let decided = 0;
  let refused = 0;
  let decidedIn6Weeks = 0;
  let newPlans = 0;
  let plansIn20Weeks = 0;
  let plansTimed = 0;
  /** Each case's latest final plan in the year, and whether it was issued within 20 weeks. */
  const lastFinal = new Map<string, { on: string; within: boolean }>();
  let plans = 0;
  for (const event of events) {
    if (event.type === 'FinalPlanIssued' || event.type === 'PlanTransferredIn') plans += 1;
    if (event.type === 'PlanCeased' || event.type === 'PlanTransferredOut') plans -= 1;
    if (event.type === 'AssessmentRequested') requestedOn.set(event.caseId, day(event.occurredOn));
    if (event.occurredOn <= census) {
      if (event.type === 'FinalPlanIssued' || event.type === 'PlanTransferredIn')
        placedOnCensus.set(event.caseId, null);
      if (event.type === 'PlanCeased' || event.type === 'PlanTransferredOut') placedOnCensus.delete(event.caseId);
      if (event.type === 'PlacementRecorded' && placedOnCensus.has(event.caseId)) {
        placedOnCensus.set(event.caseId, settingOf(event.data));
      }
    }
    if (!event.occurredOn.startsWith(String(year))) continue;
    const sinceRequest = day(event.occurredOn) - (requestedOn.get(event.caseId) ?? Number.NaN);
    if (event.type === 'AssessmentRequested') requests += 1;
    if (event.type === 'AssessmentDecisionMade') {
      decided += 1;
      if (decisionOf(event.data) === 'refuse') refused += 1;
      if (sinceRequest <= 42) decidedIn6Weeks += 1;
    }
    if (event.type === 'FinalPlanIssued') {
      newPlans += 1;
      plansTimed += 1;
      if (sinceRequest <= 140) plansIn20Weeks += 1;
      lastFinal.set(event.caseId, { on: event.occurredOn, within: sinceRequest <= 140 });
    }
    // A plan made under a tribunal order: its order is complied with the day the plan is issued.
    const final = lastFinal.get(event.caseId);
    if (event.type === 'TribunalOrderComplied' && final?.on === event.occurredOn) {
      plansTimed -= 1;
      if (final.within) plansIn20Weeks -= 1;
      lastFinal.delete(event.caseId);
    }
  }
  const share = (part: number, whole: number): number => (whole === 0 ? Number.NaN : part / whole);
  const placed = [...placedOnCensus.values()];
  const placementShare = (group: keyof typeof PLACEMENT_GROUPS): number =>
    share(placed.filter((setting) => setting !== null && PLACEMENT_GROUPS[group](setting)).length, placed.length);
  return {
    placementMainstream: placementShare('placementMainstream'),
    placementSpecial: placementShare('placementSpecial'),
    placementIndependentOrNonMaintainedSpecial: placementShare('placementIndependentOrNonMaintainedSpecial'),
    placementAlternativeProvision: placementShare('placementAlternativeProvision'),
    placementFurtherEducation: placementShare('placementFurtherEducation'),
    requests,
    refusalShare: share(refused, requests),
    decisionsWithin6Weeks: share(decidedIn6Weeks, decided),
    newPlans,
    within20Weeks: share(plansIn20Weeks, plansTimed),
    plans,
  };
}
