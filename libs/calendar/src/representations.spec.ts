import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { daysBetween } from './dates.js';
import { representationsEnd } from './representations.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('representationsEnd (reg 13(1))', () => {
  it('ends on the 15th day counting the day the draft was served as the first', () => {
    expect(representationsEnd('2024-05-01')).toBe('2024-05-15');
    expect(representationsEnd('2024-02-20')).toBe('2024-03-05');
    expect(representationsEnd('2024-12-24')).toBe('2025-01-07');
  });

  it('spans 15 days inclusive of both ends', () => {
    fc.assert(
      fc.property(arbitraryDate(), (served) => {
        expect(daysBetween(served, representationsEnd(served)) + 1).toBe(15);
      }),
    );
  });

  it('rejects an invalid date', () => {
    expect(() => representationsEnd('2024-02-30')).toThrow(/Invalid ISO date/);
  });
});
