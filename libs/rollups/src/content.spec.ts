import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson, contentHash, rollupContent } from './content.js';
import { computeRollup } from './rollup.js';
import { newPlan, plan, request, row } from './testing/fact-rows.js';
import { weekWindow } from './weeks.js';

const rows = [
  row('A', request('2024-01-02', { decisionDate: '2024-01-10' })),
  row('B', newPlan('2023-09-01', '2024-01-09')),
  row('B', plan('2024-01-09')),
];

function rollupOf(factRows = rows, at = '2024-02-01T06:00:00Z', position = '10', revision = 1) {
  const computed = computeRollup('900', weekWindow('2024-W02'), factRows, {
    atRiskDays: 14,
    settings: DEFAULT_CALENDAR_SETTINGS,
    computedAt: new Date(at),
    basedOnPosition: position,
  });
  return { ...computed, revision };
}

describe('rollup content and its hash', () => {
  it('leaves out revision, computedAt and basedOnPosition', () => {
    const content = rollupContent(rollupOf());
    expect(content).not.toHaveProperty('revision');
    expect(content).not.toHaveProperty('computedAt');
    expect(content).not.toHaveProperty('basedOnPosition');
    expect(content).toHaveProperty('thisWeek');
  });

  it('is the same when only when or from what it was computed differs', () => {
    expect(contentHash(rollupOf(rows, '2024-02-05T06:00:00Z', '99', 3))).toBe(contentHash(rollupOf()));
  });

  it('differs when a figure differs: a late decision moves the 6-week figure', () => {
    const late = [...rows, row('C', request('2023-11-20', { decisionDate: '2024-01-12' }))];
    expect(rollupOf(late).thisWeek.decisionsWithinSixWeeks).toMatchObject({ numerator: 1, denominator: 2 });
    expect(contentHash(rollupOf(late))).not.toBe(contentHash(rollupOf()));
  });

  it('spells equal content one way whatever the key order (as jsonb would reorder it)', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    const rollup = rollupOf();
    const shuffled = Object.fromEntries(Object.entries(rollup).reverse()) as typeof rollup;
    expect(canonicalJson(shuffled)).toBe(canonicalJson(rollup));
    expect(contentHash(shuffled)).toBe(contentHash(rollup));
  });
});
