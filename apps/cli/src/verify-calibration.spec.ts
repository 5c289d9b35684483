import { describe, expect, it } from '@jest/globals';
import { calibrationRows, formatRows } from './verify-calibration.js';

describe('verify-calibration', () => {
  it('compares a shaped LA with its published 2024 figures, measure by measure', () => {
    const rows = calibrationRows('202', 2024);
    expect(rows.map((row) => row.measure)).toEqual([
      'requests-received',
      'refusal-share',
      'decisions-within-6-weeks',
      'new-plans',
      'within-20-weeks-including-exceptions',
      'plans-in-january',
    ]);
    const published = Object.fromEntries(rows.map((row) => [row.measure, row.published]));
    expect(published['requests-received']).toBe(246);
    expect(published['within-20-weeks-including-exceptions']).toBeCloseTo(174 / 181, 6);
    for (const row of rows) {
      if (row.kind === 'rate') expect(Math.abs(row.gap)).toBeLessThan(4);
    }
    expect(formatRows(rows)).toMatch(/202 {2}requests-received/);
  }, 60_000);
});
