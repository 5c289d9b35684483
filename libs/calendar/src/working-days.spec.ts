import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, compareDates, daysBetween } from './dates.js';
import { addWorkingDays, isWorkingDay, nextWorkingDayOnOrAfter } from './working-days.js';
import { arbitraryDate } from './testing/arbitraries.js';

// Bank holidays are computed by rule for any year: every date from 1990 to 2100 has an answer.
const supportedDate = (): fc.Arbitrary<string> => arbitraryDate(1990, 2100);

describe('isWorkingDay', () => {
  it('is a weekday that is not a bank holiday', () => {
    expect(isWorkingDay('2024-01-09')).toBe(true); // Tuesday
    expect(isWorkingDay('2024-01-13')).toBe(false); // Saturday
    expect(isWorkingDay('2024-01-14')).toBe(false); // Sunday
    expect(isWorkingDay('2024-03-29')).toBe(false); // Good Friday
    expect(isWorkingDay('2021-12-28')).toBe(false); // Boxing Day substitute
    expect(isWorkingDay('2024-12-24')).toBe(true); // Christmas Eve is not a bank holiday
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it('keeps a working day', () => {
    expect(nextWorkingDayOnOrAfter('2024-01-09')).toBe('2024-01-09');
  });

  it('skips weekends and bank holidays', () => {
    expect(nextWorkingDayOnOrAfter('2024-01-13')).toBe('2024-01-15');
    expect(nextWorkingDayOnOrAfter('2024-03-29')).toBe('2024-04-02'); // Good Friday to the Tuesday after Easter
    expect(nextWorkingDayOnOrAfter('2021-12-25')).toBe('2021-12-29');
    expect(nextWorkingDayOnOrAfter('2022-06-02')).toBe('2022-06-06'); // Jubilee Thursday and Friday
  });

  it('returns a working day not before the input, with none between', () => {
    fc.assert(
      fc.property(supportedDate(), (d) => {
        const next = nextWorkingDayOnOrAfter(d);
        expect(isWorkingDay(next)).toBe(true);
        expect(daysBetween(d, next)).toBeGreaterThanOrEqual(0);
        for (let day = d; compareDates(day, next) < 0; day = addDays(day, 1)) expect(isWorkingDay(day)).toBe(false);
      }),
    );
  });
});

describe('addWorkingDays', () => {
  it('counts only working days after the start', () => {
    expect(addWorkingDays('2024-01-08', 5)).toBe('2024-01-15');
    expect(addWorkingDays('2024-12-20', 3)).toBe('2024-12-27'); // over Christmas
    expect(addWorkingDays('2024-03-28', 1)).toBe('2024-04-02'); // over Easter
    expect(addWorkingDays('2024-01-13', 1)).toBe('2024-01-15'); // from a Saturday
  });

  it('returns the start itself for zero days, even at a weekend', () => {
    expect(addWorkingDays('2024-01-13', 0)).toBe('2024-01-13');
  });

  it('rejects a negative or fractional count and an invalid date', () => {
    expect(() => addWorkingDays('2024-01-08', -1)).toThrow(/0 or more/);
    expect(() => addWorkingDays('2024-01-08', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2024-02-30', 0)).toThrow(/Invalid ISO date/);
  });

  it('lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(supportedDate(), fc.integer({ min: 1, max: 40 }), (d, n) => {
        const end = addWorkingDays(d, n);
        expect(isWorkingDay(end)).toBe(true);
        let counted = 0;
        for (let day = addDays(d, 1); compareDates(day, end) <= 0; day = addDays(day, 1)) {
          if (isWorkingDay(day)) counted += 1;
        }
        expect(counted).toBe(n);
      }),
    );
  });

  it('is monotonic in n, and one more working day is the next working day after', () => {
    fc.assert(
      fc.property(supportedDate(), fc.integer({ min: 0, max: 40 }), (d, n) => {
        const end = addWorkingDays(d, n);
        const further = addWorkingDays(d, n + 1);
        expect(compareDates(end, further)).toBeLessThan(0);
        expect(further).toBe(nextWorkingDayOnOrAfter(addDays(end, 1)));
      }),
    );
  });
});
