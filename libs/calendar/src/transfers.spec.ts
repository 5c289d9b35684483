import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareDates } from './dates.js';
import { addMonths, reviewDueDate } from './months.js';
import { phaseTransferDeadline, transferInDeadlines, type EducationPhase } from './transfers.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('transferInDeadlines (reg 15)', () => {
  it('gives the new authority 6 weeks to notify and 3 months to review when no review date is known', () => {
    expect(transferInDeadlines({ transferDate: '2024-03-01' })).toEqual({
      notifyBy: '2024-04-12',
      reviewBy: '2024-06-01',
    });
  });

  it('keeps 3 months from the transfer when the old review falls due sooner', () => {
    // Reviewed 1 June 2023: due 31 May 2024 under the strict rule, before 1 June 2024.
    expect(transferInDeadlines({ transferDate: '2024-03-01', lastReviewDate: '2023-06-01' }).reviewBy).toBe(
      '2024-06-01',
    );
  });

  it('keeps the old review date when it is later', () => {
    expect(transferInDeadlines({ transferDate: '2024-03-01', lastReviewDate: '2023-09-01' }).reviewBy).toBe(
      '2024-08-31',
    );
    expect(
      transferInDeadlines({ transferDate: '2024-03-01', lastReviewDate: '2023-09-01', rule: 'anniversary' }).reviewBy,
    ).toBe('2024-09-01');
  });

  it('applies the end-of-month rule to the 3 months', () => {
    expect(transferInDeadlines({ transferDate: '2024-11-30' }).reviewBy).toBe('2025-02-28');
  });

  it('rejects invalid dates', () => {
    expect(() => transferInDeadlines({ transferDate: '2024-02-30' })).toThrow(/Invalid ISO date/);
    expect(() => transferInDeadlines({ transferDate: '2024-02-01', lastReviewDate: '2023-13-01' })).toThrow(/Invalid/);
  });

  it('reviews no sooner than either limit, on one of them, with the strict rule by default', () => {
    fc.assert(
      fc.property(arbitraryDate(), arbitraryDate(), (transferDate, lastReviewDate) => {
        const { reviewBy } = transferInDeadlines({ transferDate, lastReviewDate });
        const candidates = [reviewDueDate(lastReviewDate, 'strict'), addMonths(transferDate, 3)];
        expect(candidates).toContain(reviewBy);
        for (const c of candidates) expect(compareDates(reviewBy, c)).toBeGreaterThanOrEqual(0);
        expect(transferInDeadlines({ transferDate, lastReviewDate, rule: 'strict' }).reviewBy).toBe(reviewBy);
      }),
    );
  });
});

describe('phaseTransferDeadline (reg 18)', () => {
  it.each<[EducationPhase, string]>([
    ['early-years', '2025-02-14'],
    ['primary', '2025-02-14'],
    ['middle', '2025-02-14'],
    ['secondary', '2025-02-14'],
    ['post-16', '2025-03-30'],
  ])('for a move to %s ends on %s, the day before the date that reg 18(1) says "before"', (phase, expected) => {
    expect(phaseTransferDeadline(2025, phase)).toBe(expected);
  });

  it('rejects a fractional or out-of-range year', () => {
    expect(() => phaseTransferDeadline(2025.5, 'primary')).toThrow(/transfer year must be an integer/);
    expect(() => phaseTransferDeadline(0, 'primary')).toThrow(RangeError);
  });
});
