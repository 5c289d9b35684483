import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { retryDelayMs } from './backoff.js';

const policy = { initialMs: 100, maxMs: 5_000, factor: 2 };

describe('retryDelayMs', () => {
  it('stays between half and all of the capped exponential step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const step = Math.min(policy.maxMs, policy.initialMs * 2 ** (attempt - 1));
          const delay = retryDelayMs(attempt, policy, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(delay).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('grows with the attempt until the cap', () => {
    const upper = (attempt: number) => retryDelayMs(attempt, policy, () => 0.999999);
    expect(upper(1)).toBe(100);
    expect(upper(2)).toBe(200);
    expect(upper(4)).toBe(800);
    expect(upper(7)).toBe(5_000);
    expect(upper(50)).toBe(5_000);
  });
});
