import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { daysInMonth } from './civil.js';
import { addDays, compareDates, toCivil } from './dates.js';
import { addMonths, reviewDueDate } from './months.js';
import { DEFAULT_CALENDAR_SETTINGS } from './settings.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('addMonths', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2024-01-15', 1)).toBe('2024-02-15');
    expect(addMonths('2024-03-01', 2)).toBe('2024-05-01');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-01-08', 0)).toBe('2024-01-08');
  });

  it('falls on the last day of a shorter target month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', 1)).toBe('2024-04-30');
    expect(addMonths('2024-08-31', 3)).toBe('2024-11-30');
  });

  it('goes back for negative months', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonths('2025-02-28', -12)).toBe('2024-02-28');
  });

  it('crosses year ends in both directions', () => {
    expect(addMonths('2024-11-10', 2)).toBe('2025-01-10');
    expect(addMonths('2024-01-10', -1)).toBe('2023-12-10');
    expect(addMonths('2024-12-10', 24)).toBe('2026-12-10');
  });

  it('rejects a fractional number of months, an invalid date and a result outside 0001..9999', () => {
    expect(() => addMonths('2024-01-31', 0.5)).toThrow(/months must be an integer/);
    expect(() => addMonths('2024-01-32', 1)).toThrow(/Invalid ISO date/);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
    expect(() => addMonths('0001-01-31', -1)).toThrow(RangeError);
  });

  it('never overflows the target month', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -600, max: 600 }), (d, n) => {
        const from = toCivil(d);
        const to = toCivil(addMonths(d, n));
        const monthIndex = from.year * 12 + from.month - 1 + n;
        expect(to.year).toBe(Math.floor(monthIndex / 12));
        expect(to.month).toBe((((monthIndex % 12) + 12) % 12) + 1);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });

  it('is monotonic in the number of months', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -600, max: 600 }), fc.nat(120), (d, n, extra) => {
        expect(compareDates(addMonths(d, n), addMonths(d, n + extra))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('is undone by the opposite number of months for days that every month has', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -600, max: 600 }), (d, n) => {
        fc.pre(toCivil(d).day <= 28);
        expect(addMonths(addMonths(d, n), -n)).toBe(d);
      }),
    );
  });
});

describe('reviewDueDate', () => {
  it('is the day before the anniversary under the strict rule (12 months beginning with the date)', () => {
    expect(reviewDueDate('2023-05-10')).toBe('2024-05-09');
    expect(reviewDueDate('2023-05-10', 'strict')).toBe('2024-05-09');
    expect(reviewDueDate('2023-03-01', 'strict')).toBe('2024-02-29');
    expect(reviewDueDate('2024-01-01', 'strict')).toBe('2024-12-31');
  });

  it('is the anniversary under the anniversary rule', () => {
    expect(reviewDueDate('2023-05-10', 'anniversary')).toBe('2024-05-10');
  });

  it('counts from 28 February for a plan issued on 29 February', () => {
    expect(reviewDueDate('2024-02-29', 'anniversary')).toBe('2025-02-28');
    expect(reviewDueDate('2024-02-29', 'strict')).toBe('2025-02-27');
  });

  it('makes the strict date one day before the anniversary, and the default the strict rule', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        expect(reviewDueDate(d, 'strict')).toBe(addDays(reviewDueDate(d, 'anniversary'), -1));
        expect(reviewDueDate(d)).toBe(reviewDueDate(d, DEFAULT_CALENDAR_SETTINGS.reviewDue));
      }),
    );
  });
});
