import { PLACEMENT_SETTINGS, placementGroup, type PlacementArea, type PlacementSetting } from '#pathway';
import { civilOf } from './days.js';

/** A setting type, or a plan whose placement the LA does not record. */
export type PlacementMixKey = PlacementSetting | 'not-recorded';
/** Shares of plans held on a January census day by placement (they need not sum to 1: they are normalised). */
export type PlacementMix = Readonly<Partial<Record<PlacementMixKey, number>>>;

/** England's plans held in January 2024 by placement (DfE caseload 2023/24, 576,474 plans; FE colleges and
 * sixth-form colleges split four to one), the mix of an LA shaped on national figures. */
export const NATIONAL_PLACEMENT_MIX_2024: PlacementMix = {
  'mainstream-la-maintained': 90846,
  'mainstream-la-maintained-resourced-provision': 5763,
  'mainstream-la-maintained-sen-unit': 3392,
  'mainstream-academy': 120750,
  'mainstream-academy-resourced-provision': 7585,
  'mainstream-academy-sen-unit': 5249,
  'mainstream-free-school': 7416,
  'mainstream-free-school-resourced-provision': 143,
  'mainstream-free-school-sen-unit': 104,
  'mainstream-independent': 6768,
  'special-la-maintained': 87350,
  'special-academy-or-free-school': 67695,
  'special-independent': 25620,
  'special-non-maintained': 4182,
  'alternative-provision-academy': 1602,
  'alternative-provision-free-school': 571,
  'pupil-referral-unit': 2298,
  'further-education-college': 53514,
  'sixth-form-college': 13378,
  'specialist-post-16': 8701,
  'apprenticeship-or-training-provider': 8188,
  'elective-home-education': 5770,
  'other-arrangements-la': 8640,
  'other-arrangements-parents': 916,
  'other-setting': 3748,
  neet: 21527,
  'non-maintained-early-years': 4389,
  'not-recorded': 6724,
};

/**
 * The chance that a placement of each group is outside the LA's area. The DfE does not publish it; these are
 * plausible settings (independent and non-maintained special schools and specialist post-16 places are mostly
 * out of area; local schools rarely).
 */
const OUT_OF_AREA: Readonly<Record<PlacementSetting, number>> = Object.fromEntries(
  PLACEMENT_SETTINGS.map((setting) => {
    if (setting === 'special-independent' || setting === 'special-non-maintained') return [setting, 0.6];
    if (setting === 'specialist-post-16') return [setting, 0.5];
    const group = placementGroup(setting);
    const chance = group === 'special' ? 0.1 : group === 'post-16' ? 0.08 : group === 'educated-elsewhere' ? 0 : 0.03;
    return [setting, chance];
  }),
) as Record<PlacementSetting, number>;

type Tier = 'young' | 'school' | 'post-16';

/** Early years settings take the youngest plans, post-16 settings and NEET the oldest, the rest those between. */
function tierOf(setting: PlacementSetting): Tier {
  if (setting === 'neet') return 'post-16';
  const group = placementGroup(setting);
  return group === 'early-years' ? 'young' : group === 'post-16' ? 'post-16' : 'school';
}

const TIERS: readonly Tier[] = ['young', 'school', 'post-16'];
const GOLDEN = 0.6180339887498949;
const DAYS_PER_YEAR = 365.25;

/** The January census a day's placement counts towards: from September, the next January's. */
export function censusYearOf(day: number): number {
  const { year, month } = civilOf(day);
  return month >= 9 ? year + 1 : year;
}

export interface Placement {
  readonly setting: PlacementSetting;
  readonly area: PlacementArea;
}

interface HeldPlan<K> {
  readonly key: K;
  readonly birthDay: number;
  readonly areaDraw: number;
  /** Where the plan stands in its tier's order, in [0, 1): stable, so placements move only at the tiers' edges. */
  rank: number;
  placement: Placement | null;
}

/**
 * Places an LA's plans so that, on each January census day, the plans held follow the LA's published placement mix.
 * A plan is placed when it starts (by its age and a rank from an even sequence), and at the start of each spring
 * term every plan held is placed again: the oldest take the post-16 and NEET shares, the youngest the early years
 * share, and within each tier the plans keep their order and are spread evenly over its settings, so the shares hold
 * to within a plan and a child moves only when the mix moves past it.
 */
export class PlacementSteering<K> {
  private readonly held = new Map<string, HeldPlan<K>>();
  private starts = 0;
  /** Plans held with no placement recorded. */
  private unrecorded = 0;

  constructor(
    private readonly mixFor: (censusYear: number) => PlacementMix,
    private readonly offset: number,
  ) {}

  /** A plan starts (issued, or transferred in): where it is placed, or null when the LA records no placement. */
  planStarted(caseId: string, key: K, day: number, birthDay: number, areaDraw: number): Placement | null {
    const before = this.held.get(caseId);
    if (before?.placement === null) this.unrecorded--;
    const plan: HeldPlan<K> = {
      key,
      birthDay,
      areaDraw: before?.areaDraw ?? areaDraw,
      rank: before?.rank ?? (this.offset + ++this.starts * GOLDEN) % 1,
      placement: null,
    };
    this.held.set(caseId, plan);
    const mix = this.mixFor(censusYearOf(day));
    // A placement recorded cannot be unrecorded, so plans not recorded are made up from new plans.
    if (this.unrecorded < notRecordedShare(mix) * this.held.size) {
      this.unrecorded++;
      return null;
    }
    const age = (day - birthDay) / DAYS_PER_YEAR;
    const tier: Tier = age >= 16 ? 'post-16' : age < 4 ? 'young' : 'school';
    plan.placement = this.place(plan, settingAt(mix, tier, plan.rank) ?? settingAt(mix, 'school', plan.rank));
    if (plan.placement === null) this.unrecorded++;
    return plan.placement;
  }

  planEnded(caseId: string): void {
    if (this.held.get(caseId)?.placement === null) this.unrecorded--;
    this.held.delete(caseId);
  }

  /** Every plan held placed again by the coming census's mix: the plans whose placement changes. */
  rebalance(day: number): Array<{ readonly key: K } & Placement> {
    const mix = this.mixFor(censusYearOf(day));
    const all = [...this.held.values()];
    // Plans not recorded stay so, up to the mix's share; the rest are placed.
    const unrecordedSlots = Math.round(all.length * notRecordedShare(mix));
    const unrecorded = new Set(
      all
        .filter((p) => p.placement === null)
        .sort((a, b) => a.rank - b.rank)
        .slice(0, unrecordedSlots),
    );
    const plans = all.filter((p) => !unrecorded.has(p)).sort((a, b) => a.birthDay - b.birthDay);
    const total = PLACEMENT_SETTINGS.reduce((sum, setting) => sum + (mix[setting] ?? 0), 0);
    const share = (tier: Tier): number =>
      total === 0
        ? 0
        : PLACEMENT_SETTINGS.filter((s) => tierOf(s) === tier).reduce((sum, s) => sum + (mix[s] ?? 0), 0) / total;
    const oldest = Math.round(plans.length * share('post-16'));
    const youngest = Math.round(plans.length * share('young'));
    const byTier: Record<Tier, HeldPlan<K>[]> = {
      'post-16': plans.slice(0, oldest),
      school: plans.slice(oldest, plans.length - youngest),
      young: plans.slice(plans.length - youngest),
    };
    const moves: Array<{ readonly key: K } & Placement> = [];
    for (const tier of TIERS) {
      const members = byTier[tier].sort((a, b) => a.rank - b.rank);
      members.forEach((plan, i) => {
        plan.rank = (i + 0.5) / members.length;
        const before = plan.placement;
        const after = this.place(plan, settingAt(mix, tier, plan.rank));
        if (after !== null && (after.setting !== before?.setting || after.area !== before.area)) {
          moves.push({ key: plan.key, ...after });
        }
        plan.placement = after ?? before;
      });
    }
    this.unrecorded = all.filter((p) => p.placement === null).length;
    return moves;
  }

  private place(plan: HeldPlan<K>, setting: PlacementSetting | null): Placement | null {
    if (setting === null) return null;
    return { setting, area: plan.areaDraw < OUT_OF_AREA[setting] ? 'out-of-area' : 'in-area' };
  }
}

/** The share of plans the mix leaves without a placement recorded. */
function notRecordedShare(mix: PlacementMix): number {
  const total = Object.values(mix).reduce((sum, share) => sum + (share ?? 0), 0);
  return total === 0 ? 0 : (mix['not-recorded'] ?? 0) / total;
}

/** The setting at `rank` of a tier's share of the mix (null when the mix has no setting in the tier). */
function settingAt(mix: PlacementMix, tier: Tier, rank: number): PlacementSetting | null {
  const settings = PLACEMENT_SETTINGS.filter((setting) => tierOf(setting) === tier && (mix[setting] ?? 0) > 0);
  const total = settings.reduce((sum, setting) => sum + (mix[setting] ?? 0), 0);
  let edge = 0;
  for (const setting of settings) {
    edge += (mix[setting] ?? 0) / total;
    if (rank < edge) return setting;
  }
  return settings[settings.length - 1] ?? null;
}
