import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, isLeapYear, weekdayOfDayNumber } from './civil.js';

const MS_PER_DAY = 86_400_000;
// Day numbers of 0001-01-01 and 9999-12-31.
const FIRST_DAY = -719162;
const LAST_DAY = 2932896;

describe('civil day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumberFromCivil(1970, 1, 1)).toBe(0);
    expect(dayNumberFromCivil(1969, 12, 31)).toBe(-1);
    expect(dayNumberFromCivil(2000, 3, 1)).toBe(11017);
    expect(dayNumberFromCivil(1, 1, 1)).toBe(FIRST_DAY);
    expect(dayNumberFromCivil(9999, 12, 31)).toBe(LAST_DAY);
  });

  it('agrees with the UTC calendar of the JavaScript engine', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (n) => {
        const utc = new Date(n * MS_PER_DAY);
        expect(civilFromDayNumber(n)).toEqual({
          year: utc.getUTCFullYear(),
          month: utc.getUTCMonth() + 1,
          day: utc.getUTCDate(),
        });
        expect(weekdayOfDayNumber(n)).toBe(((utc.getUTCDay() + 6) % 7) + 1);
      }),
    );
  });

  it('round-trips a day number through its civil date', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (n) => {
        const { year, month, day } = civilFromDayNumber(n);
        expect(dayNumberFromCivil(year, month, day)).toBe(n);
      }),
    );
  });

  it('knows Thursday 1 January 1970 and Wednesday 31 December 1969', () => {
    expect(weekdayOfDayNumber(0)).toBe(4);
    expect(weekdayOfDayNumber(-1)).toBe(3);
    expect(weekdayOfDayNumber(4)).toBe(1);
    expect(weekdayOfDayNumber(3)).toBe(7);
  });
});

describe('month lengths', () => {
  it('applies the Gregorian leap year rule', () => {
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
  });

  it('gives 28 or 29 days in February and fixed lengths otherwise', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2023, 1)).toBe(31);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it('rejects a month outside 1..12', () => {
    expect(() => daysInMonth(2023, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2023, 13)).toThrow(/month must be 1..12/);
  });
});
