import type { AtRiskReport } from '../../measures/at-risk.js';
import { columnName } from './sen2-columns.js';
import type { Table } from './table.js';

/**
 * The at-risk worklist as a table: one row per open obligation, soonest deadline first, with the day it was judged
 * on. An export holds the whole filtered list, never one page.
 */
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
      'action',
      'team',
      columnName('primaryNeed'),
    ],
    rows: report.items.map((c) => [
      la,
      report.today,
      c.caseId,
      c.stage,
      c.step,
      c.deadline,
      c.daysLeft,
      c.status,
      c.action,
      c.team,
      c.primaryNeed,
    ]),
  };
}
