import type { IsoDate } from '#calendar';
import {
  isIndependentOrNonMaintainedSpecial,
  placementGroup,
  PLACEMENT_SETTINGS,
  type PlacementGroup,
  type PlacementSetting,
} from '#pathway';
import type { FactRow, PlanFact, PlanPlacement } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { heldOn } from './caseload.js';
import { rowsOf, spanOf } from './rows.js';

type Row = FactRow<PlanFact>;

/** The plan's placement on `date`: the latest one recorded from that date or before, or null. */
export function placementOn(plan: PlanFact, date: IsoDate): PlanPlacement | null {
  let current: PlanPlacement | null = null;
  for (const placement of plan.placements ?? []) {
    if (placement.from <= date && (current === null || placement.from >= current.from)) current = placement;
  }
  return current;
}

const camel = (kebab: string): string => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const GROUP_MEASURES: ReadonlyArray<readonly [PlacementGroup, string, string]> = [
  ['mainstream', 'mainstream', 'in a mainstream school (any type, with or without resourced provision or a SEN unit)'],
  ['special', 'special', 'in a special school (LA-maintained, academy or free school, independent, non-maintained)'],
  ['alternative-provision', 'alternativeProvision', 'in alternative provision or a pupil referral unit'],
  ['post-16', 'postSixteen', 'in further education, a sixth-form college, specialist post-16 or an apprenticeship'],
  ['educated-elsewhere', 'educatedElsewhere', 'educated elsewhere: home education, other arrangements, or NEET'],
  ['early-years', 'earlyYears', 'in a non-maintained early years setting'],
];

/**
 * The placement KPIs: plans held on the census day of each period (its last day, or the as-of date if earlier), and
 * the share of them in each placement. Every share's denominator is the plans held that day, so a plan with no
 * placement recorded counts against every share (as the DfE's "placement not recorded" does).
 */
export function placementMeasures(asOfDate: IsoDate): Measure<Row>[] {
  const onDate = (period: { to: string }) => (period.to < asOfDate ? period.to : asOfDate);
  const held = (row: Row, period: { to: string }) => heldOn(row.fact, onDate(period));
  const share = (
    name: string,
    description: string,
    placed: (setting: PlacementSetting, area: PlanPlacement['area']) => boolean,
  ): Measure<Row> => ({
    name,
    kind: 'rate',
    description: `Of plans held on the last day of the period, those ${description}`,
    counts: held,
    meets: (row, period) => {
      const placement = placementOn(row.fact, onDate(period));
      return placement !== null && placed(placement.setting as PlacementSetting, placement.area);
    },
  });
  return [
    { name: 'plansHeld', kind: 'count', description: 'Plans held on the last day of the period', counts: held },
    ...GROUP_MEASURES.map(([group, name, description]) =>
      share(name, description, (setting) => placementGroup(setting) === group),
    ),
    share('independentOrNonMaintainedSpecial', 'in an independent or non-maintained special school', (setting) =>
      isIndependentOrNonMaintainedSpecial(setting),
    ),
    share('outOfArea', 'placed outside the LA’s area', (_, area) => area === 'out-of-area'),
    {
      name: 'notRecorded',
      kind: 'rate',
      description: 'Of plans held on the last day of the period, those with no placement recorded',
      counts: held,
      meets: (row, period) => placementOn(row.fact, onDate(period)) === null,
    },
    ...PLACEMENT_SETTINGS.map((setting) =>
      share(camel(setting), `placed in setting type ${setting}`, (s) => s === setting),
    ),
  ];
}

/** Plans by placement on a census date: every setting type, the DfE's groups, and in or out of area. */
export function placements(rows: readonly FactRow[], options: ReportOptions, asOfDate: IsoDate): KpiReport {
  return report('placements', rowsOf(rows, 'plan'), placementMeasures(asOfDate), options, spanOf);
}
