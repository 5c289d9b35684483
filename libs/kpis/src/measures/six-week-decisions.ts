import type { FactRow, RequestDecisionFact } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { inPeriod } from '../periods.js';
import { rowsOf, spanOf } from './rows.js';

type Row = FactRow<RequestDecisionFact>;

/** Requests decided in the period (a request withdrawn before its decision has none, so it drops out). */
const decided = (row: Row, period: { from: string; to: string }) => inPeriod(row.fact.decisionDate, period);

export const SIX_WEEK_MEASURES: readonly Measure<Row>[] = [
  {
    name: 'requestsReceived',
    kind: 'count',
    description: 'Requests for an assessment received in the period (SEN2: requests received in the year)',
    counts: (row, period) => inPeriod(row.fact.requestDate, period),
  },
  {
    name: 'decidedWithinSixWeeks',
    kind: 'rate',
    description: 'Of requests decided in the period (withdrawn excluded), those decided within 6 weeks (reg 5(1))',
    counts: decided,
    meets: (row) => row.fact.decisionDate! <= row.fact.dueDate,
  },
  {
    name: 'decisionsToAssess',
    kind: 'count',
    description: 'Decisions to assess made in the period',
    counts: (row, period) => decided(row, period) && row.fact.decision === 'assess',
  },
  {
    name: 'refusalsToAssess',
    kind: 'count',
    description: 'Refusals to assess made in the period',
    counts: (row, period) => decided(row, period) && row.fact.decision === 'refuse',
  },
  {
    name: 'requestsWithdrawn',
    kind: 'count',
    description: 'Requests withdrawn in the period before a decision',
    counts: (row, period) => row.fact.decisionDate === null && inPeriod(row.fact.withdrawnOn, period),
  },
];

/** KPI 1: the share of requests decided within 6 weeks. */
export function sixWeekDecisions(rows: readonly FactRow[], options: ReportOptions): KpiReport {
  return report('six-week-decisions', rowsOf(rows, 'request-decision'), SIX_WEEK_MEASURES, options, spanOf);
}
