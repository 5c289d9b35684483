import type { AtRiskReport } from '../../measures/at-risk.js';
import { columnName } from './sen2-columns.js';
import type { Table } from './table.js';

/** The at-risk list as a table: one row per case, soonest deadline first, with the day it was judged on. */
export function atRiskTable(report: AtRiskReport, la: string): Table {
  return {
    name: `${la}-at-risk-${report.today}-within-${report.withinDays}-days`,
    columns: [
      columnName('la'),
      'today',
      'caseId',
      'stage',
      'step',
      'deadline',
      'daysLeft',
      'status',
      'team',
      columnName('primaryNeed'),
    ],
    rows: report.cases.map((c) => [
      la,
      report.today,
      c.caseId,
      c.stage,
      c.step,
      c.deadline,
      c.daysLeft,
      c.status,
      c.team,
      c.primaryNeed,
    ]),
  };
}
