import type { FactRow, NoPlanNoticeFact } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { inPeriod } from '../periods.js';
import { rowsOf, spanOf } from './rows.js';

type Row = FactRow<NoPlanNoticeFact>;

export const NO_PLAN_MEASURES: readonly Measure<Row>[] = [
  {
    name: 'notifiedWithinSixteenWeeks',
    kind: 'rate',
    description: 'Of notices that no plan will be issued, given in the period, those within 16 weeks (reg 10(1))',
    counts: (row, period) => inPeriod(row.fact.noticeDate, period),
    meets: (row) => row.fact.noticeDate <= row.fact.dueDate,
  },
];

/** KPI 2: the share of assessments ending without a plan notified within 16 weeks. */
export function noPlanNotices(rows: readonly FactRow[], options: ReportOptions): KpiReport {
  return report('no-plan-notices', rowsOf(rows, 'no-plan-notice'), NO_PLAN_MEASURES, options, spanOf);
}
