import { describe, expect, it } from '@jest/globals';
import { flatTable } from './flat-table.js';
import { kpiTable } from './kpi-table.js';
import type { KpiReport } from '../../figures.js';

const report: KpiReport = {
  kpi: 'six-week-decisions',
  from: '2024-01-01',
  to: '2024-12-31',
  groupBy: 'year',
  breakdown: 'primaryNeed',
  measures: [{ name: 'decidedWithinSixWeeks', kind: 'rate', description: '' }],
  groups: [],
  total: {
    period: 'total',
    from: '2024-01-01',
    to: '2024-12-31',
    figures: { decidedWithinSixWeeks: { numerator: 1, denominator: 2, rate: 0.5 } },
    breakdown: { ASD: { decidedWithinSixWeeks: { numerator: 1, denominator: 1, rate: 1 } } },
  },
};

describe('export tables', () => {
  it('writes a KPI report a row per period and breakdown value, with SEN2 names', () => {
    const table = kpiTable(report, '202');
    expect(table.columns.slice(0, 6)).toEqual(['LA', 'kpi', 'period', 'from', 'to', 'SENtype']);
    expect(table.rows).toEqual([
      ['202', 'six-week-decisions', 'total', '2024-01-01', '2024-12-31', 'all', 1, 2, 0.5],
      ['202', 'six-week-decisions', 'total', '2024-01-01', '2024-12-31', 'ASD', 1, 1, 1],
    ]);
  });

  it('flattens nested objects to dotted columns in the order first met', () => {
    const table = flatTable('t', [
      { la: '202', a: { b: 1 } },
      { la: '202', a: { b: 2, c: 'x' }, d: [1] },
    ]);
    expect(table.columns).toEqual(['LA', 'a.b', 'a.c', 'd']);
    expect(table.rows).toEqual([
      ['202', 1, null, null],
      ['202', 2, 'x', '[1]'],
    ]);
  });
});
