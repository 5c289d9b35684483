import { daysBetween, type IsoDate } from '#calendar';
import type { FactRow, PlanFact, RequestDecisionFact } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';

/** A plan is held from its issue (or transfer in) until the day it ceased or left, exclusive. */
export function heldOn(plan: PlanFact, date: IsoDate): boolean {
  return plan.heldFrom <= date && (plan.heldUntil === null || plan.heldUntil > date);
}

function openOn(request: RequestDecisionFact, date: IsoDate): boolean {
  return request.requestDate <= date && (request.closedOn === null || request.closedOn > date);
}

/** The week bands of the clock an open request is counted in. */
export const CLOCK_WEEK_BANDS = [
  { name: 'openWeeks0to6', from: 0, to: 6, label: 'before the 6-week decision' },
  { name: 'openWeeks6to16', from: 6, to: 16, label: 'from 6 to 16 weeks' },
  { name: 'openWeeks16to20', from: 16, to: 20, label: 'from 16 to 20 weeks' },
  { name: 'openWeeks20Plus', from: 20, to: Number.POSITIVE_INFINITY, label: 'past 20 weeks' },
] as const;

/**
 * KPI 7: caseload on the last day of each period (or `asOfDate`, if earlier): active plans (the January census
 * counts these on its day) and open requests and assessments by week of the clock.
 */
export function caseloadMeasures(asOfDate: IsoDate): Measure<FactRow>[] {
  const onDate = (period: { to: string }) => (period.to < asOfDate ? period.to : asOfDate);
  const openRequest = (row: FactRow, period: { to: string }) =>
    row.fact.kind === 'request-decision' && openOn(row.fact, onDate(period));
  const weekOf = (row: FactRow, period: { to: string }) =>
    row.fact.kind === 'request-decision' ? Math.floor(daysBetween(row.fact.requestDate, onDate(period)) / 7) : -1;
  return [
    {
      name: 'activePlans',
      kind: 'count',
      description: 'Plans held on the last day of the period',
      counts: (row, period) => row.fact.kind === 'plan' && heldOn(row.fact, onDate(period)),
    },
    {
      name: 'openRequests',
      kind: 'count',
      description: 'Requests and assessments open on the last day of the period',
      counts: openRequest,
    },
    ...CLOCK_WEEK_BANDS.map((band): Measure<FactRow> => ({
      name: band.name,
      kind: 'count',
      description: `Requests open on the last day of the period, ${band.label} of the clock`,
      counts: (row, period) => {
        if (!openRequest(row, period)) return false;
        const week = weekOf(row, period);
        return week >= band.from && week < band.to;
      },
    })),
  ];
}

export function caseload(rows: readonly FactRow[], options: ReportOptions, asOfDate: IsoDate): KpiReport {
  const relevant = rows.filter((row) => row.fact.kind === 'plan' || row.fact.kind === 'request-decision');
  return report('caseload', relevant, caseloadMeasures(asOfDate), options);
}
