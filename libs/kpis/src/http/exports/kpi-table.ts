import type { Figure, GroupFigures, KpiReport } from '../../figures.js';
import type { TribunalReport } from '../../measures/tribunal.js';
import { columnName } from './sen2-columns.js';
import type { Cell, Table } from './table.js';

const ALL = 'all';

/**
 * A KPI report as a table: one row per period (the groups, then the whole period as `total`) and, with a breakdown,
 * one more row per breakdown value of that period. Each measure gives three columns: `<measure>_numerator`,
 * `<measure>_denominator`, `<measure>_rate`. The tribunal report adds its appeal rates and its orders' measures
 * (prefixed `orders.`) on the rows of the whole LA.
 */
export function kpiTable(report: KpiReport, la: string): Table {
  const breakdownColumn = report.breakdown === null ? [] : [columnName(report.breakdown)];
  const measures = report.measures.map((m) => m.name);
  const tribunal = isTribunal(report) ? report : undefined;
  const orderMeasures = tribunal?.orders.measures.map((m) => m.name) ?? [];
  const columns = [
    columnName('la'),
    'kpi',
    'period',
    'from',
    'to',
    ...breakdownColumn,
    ...measures.flatMap(figureColumns),
    ...(tribunal === undefined ? [] : ['appealRate', 'dfe2024Rate']),
    ...orderMeasures.flatMap((m) => figureColumns(`orders.${m}`)),
  ];
  const rows: Cell[][] = [];
  for (const group of [...report.groups, report.total]) {
    const lead = [la, report.kpi, group.period, group.from, group.to];
    const rates = tribunal?.rates.find((r) => r.period === group.period);
    const orders = tribunal === undefined ? undefined : ordersGroup(tribunal, group.period);
    rows.push([
      ...lead,
      ...(report.breakdown === null ? [] : [ALL]),
      ...measures.flatMap((m) => figureCells(group.figures[m])),
      ...(tribunal === undefined ? [] : [rates?.appealRate ?? null, rates?.dfe2024Rate ?? null]),
      ...orderMeasures.flatMap((m) => figureCells(orders?.figures[m])),
    ]);
    for (const [value, figures] of Object.entries(group.breakdown ?? {})) {
      rows.push([
        ...lead,
        value,
        ...measures.flatMap((m) => figureCells(figures[m])),
        ...(tribunal === undefined ? [] : [null, null]),
        ...orderMeasures.flatMap(() => [null, null, null]),
      ]);
    }
  }
  return { name: `${la}-${report.kpi}-${report.from}-${report.to}`, columns, rows };
}

function figureColumns(measure: string): string[] {
  return [`${measure}_numerator`, `${measure}_denominator`, `${measure}_rate`];
}

function figureCells(figure: Figure | undefined): Cell[] {
  return [figure?.numerator ?? null, figure?.denominator ?? null, figure?.rate ?? null];
}

function ordersGroup(report: TribunalReport, period: string): GroupFigures | undefined {
  return period === report.orders.total.period && period === report.total.period
    ? report.orders.total
    : report.orders.groups.find((g) => g.period === period);
}

function isTribunal(report: KpiReport): report is TribunalReport {
  return 'rates' in report && 'orders' in report;
}
