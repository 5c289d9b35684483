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
      'placement-mainstream',
      'placement-special',
      'placement-independent-or-non-maintained-special',
      'placement-alternative-provision',
      'placement-further-education',
    ]);
    const published = Object.fromEntries(rows.map((row) => [row.measure, row.published]));
    expect(published['requests-received']).toBe(246);
    expect(published['within-20-weeks-including-exceptions']).toBeCloseTo(174 / 181, 6);
    for (const row of rows) {
      if (row.kind === 'rate') expect(Math.abs(row.gap)).toBeLessThan(4);
    }
    // The January 2024 placement mix (the caseload file's 2023/24 row): 752 of Camden's 1,532 plans in mainstream.
    expect(published['placement-mainstream']).toBeCloseTo(752 / 1532, 6);
    for (const row of rows.filter((r) => r.measure.startsWith('placement-'))) expect(Math.abs(row.gap)).toBeLessThan(1);
    expect(formatRows(rows)).toMatch(/202 {2}requests-received/);
  }, 60_000);
});
