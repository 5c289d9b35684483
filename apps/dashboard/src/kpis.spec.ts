import { describe, expect, it } from '@jest/globals';
import { formatFigure, HEADLINES, headlineSeries, last24Months } from './kpis.js';
import type { KpiReport } from './types.js';

const report: KpiReport = {
  kpi: 'tribunal',
  from: '2025-01-01',
  to: '2025-02-28',
  groupBy: 'month',
  breakdown: null,
  measures: [],
  groups: [
    { period: '2025-01', from: '2025-01-01', to: '2025-01-31', figures: {} },
    { period: '2025-02', from: '2025-02-01', to: '2025-02-28', figures: {} },
  ],
  total: { period: 'total', from: '2025-01-01', to: '2025-02-28', figures: {} },
  rates: [{ period: '2025-02', dfe2024Rate: 0.05 }],
};

describe('dashboard figures', () => {
  it('takes the tribunal appeal rate from the report rates, month by month', () => {
    const headline = HEADLINES.find((h) => h.measure === 'dfe2024Rate')!;
    expect(headlineSeries(report, headline)).toEqual([
      { period: '2025-01', value: null },
      { period: '2025-02', value: 0.05 },
    ]);
  });

  it('writes rates with their numerator and denominator, and counts plainly', () => {
    expect(formatFigure({ numerator: 333, denominator: 716, rate: 333 / 716 }, 'rate')).toBe('46.5% (333 of 716)');
    expect(formatFigure({ numerator: 4114, denominator: null, rate: null }, 'count')).toBe('4,114');
    expect(formatFigure(undefined, 'rate')).toBe('–');
  });

  it('covers the 24 months to today', () => {
    expect(last24Months(new Date('2026-12-01T10:00:00Z'))).toEqual({ from: '2025-01-01', to: '2026-12-01' });
  });
});
