import { addDays, dayOfWeek, type IsoDate } from '#calendar';
import type { AppealOutcomeKind, FactRow } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { inPeriod } from '../periods.js';
import { heldOn } from './caseload.js';

/** The SEN2 census date: the third Thursday of January of `year`. */
export function januaryCensusDate(year: number): IsoDate {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  // dayOfWeek: 1 = Monday ... 7 = Sunday (ISO).
  const toThursday = (4 - dayOfWeek(first) + 7) % 7;
  return addDays(first, toThursday + 14);
}

const registeredIn = (row: FactRow, period: { from: string; to: string }) =>
  row.fact.kind === 'tribunal-appeal' && inPeriod(row.fact.registeredOn, period);

const resolvedIn = (row: FactRow, period: { from: string; to: string }) =>
  row.fact.kind === 'tribunal-appeal' && row.fact.outcome !== null && inPeriod(row.fact.outcomeOn, period);

const outcomeIs = (outcome: AppealOutcomeKind) => (row: FactRow) =>
  row.fact.kind === 'tribunal-appeal' && row.fact.outcome === outcome;

/**
 * DfE's 2024 denominator: refusals to assess, assessments ending without a plan, plans ceased as needs met (SEN2
 * reason 2) in the period, plus the plans held on the January census day of the year the period starts in.
 */
function inDfeDenominator(row: FactRow, period: { from: string; to: string }): boolean {
  const fact = row.fact;
  if (fact.kind === 'plan') return heldOn(fact, januaryCensusDate(Number(period.from.slice(0, 4))));
  if (fact.kind !== 'appealable-decision' || !inPeriod(fact.decidedOn, period)) return false;
  return (
    fact.decision === 'refusal-to-assess' ||
    fact.decision === 'no-plan' ||
    (fact.decision === 'cease' && fact.ceaseReason === 2)
  );
}

export const TRIBUNAL_MEASURES: readonly Measure<FactRow>[] = [
  { name: 'appealsRegistered', kind: 'count', description: 'Appeals registered in the period', counts: registeredIn },
  {
    name: 'appealableDecisions',
    kind: 'count',
    description:
      'Appealable decisions in the period: refusals to assess, assessments ending without a plan, final and amended plans, refusals to amend, cease decisions',
    counts: (row, period) => row.fact.kind === 'appealable-decision' && inPeriod(row.fact.decidedOn, period),
  },
  {
    name: 'dfe2024Denominator',
    kind: 'count',
    description:
      "DfE 2024 method's denominator: refusals + no-plan decisions + plans ceased as needs met in the period + plans held on the January census day",
    counts: inDfeDenominator,
  },
  {
    name: 'outcomeAppellantFavour',
    kind: 'rate',
    description: 'Of appeals resolved in the period, those decided in the appellant’s favour',
    counts: resolvedIn,
    meets: outcomeIs('appellant-favour'),
  },
  {
    name: 'outcomeLaUpheld',
    kind: 'rate',
    description: 'Of appeals resolved in the period, those decided upholding the LA',
    counts: resolvedIn,
    meets: outcomeIs('la-upheld'),
  },
  {
    name: 'outcomeWithdrawn',
    kind: 'rate',
    description: 'Of appeals resolved in the period, those withdrawn',
    counts: resolvedIn,
    meets: outcomeIs('withdrawn'),
  },
  {
    name: 'outcomeConceded',
    kind: 'rate',
    description: 'Of appeals resolved in the period, those conceded by the LA',
    counts: resolvedIn,
    meets: outcomeIs('conceded'),
  },
];

function orderFigures(rows: readonly FactRow[]) {
  return rows.flatMap((row) =>
    row.fact.kind === 'tribunal-appeal' ? row.fact.orders.map((order) => ({ ...row, order })) : [],
  );
}

export interface TribunalReport extends KpiReport {
  /** Appeal rates by both methods, per group: numerator = appeals registered. */
  readonly rates: ReadonlyArray<{
    readonly period: string;
    readonly appealRate: number | null;
    readonly dfe2024Rate: number | null;
  }>;
  readonly orders: KpiReport;
}

/** KPI 6: appeals, appeal rate by both methods, outcomes, and orders complied with on time. */
export function tribunal(rows: readonly FactRow[], options: ReportOptions): TribunalReport {
  const base = report('tribunal', rows, TRIBUNAL_MEASURES, options);
  const rate = (num: number, den: number | null) =>
    den === null || den === 0 ? null : Math.round((num / den) * 10000) / 10000;
  const rates = [...base.groups, base.total].map((group) => ({
    period: group.period,
    appealRate: rate(group.figures['appealsRegistered']!.numerator, group.figures['appealableDecisions']!.numerator),
    dfe2024Rate: rate(group.figures['appealsRegistered']!.numerator, group.figures['dfe2024Denominator']!.numerator),
  }));
  const orders = report(
    'tribunal-orders',
    orderFigures(rows),
    [
      {
        name: 'ordersCompliedOnTime',
        kind: 'rate',
        description: 'Of tribunal orders due in the period, those complied with by their reg 44 deadline',
        counts: (row, period) => inPeriod(row.order.dueDate, period),
        meets: (row) => row.order.compliedOn !== null && row.order.compliedOn <= row.order.dueDate!,
      },
    ],
    options,
  );
  return { ...base, rates, orders };
}
