import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  InvalidDateError,
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  formatIsoDate,
  isIsoDate,
  maxDate,
  minDate,
  parseIsoDate,
} from './dates.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('isIsoDate', () => {
  it.each(['2024-01-08', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2023-12-31'])('accepts %s', (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    ['a 29 February outside a leap year', '2023-02-29'],
    ['a 29 February in a century year that is not a leap year', '1900-02-29'],
    ['30 February', '2024-02-30'],
    ['31 April', '2024-04-31'],
    ['month 13', '2024-13-01'],
    ['month 00', '2024-00-10'],
    ['day 00', '2024-01-00'],
    ['year 0000', '0000-01-01'],
    ['single-digit parts', '2024-1-8'],
    ['a time part', '2024-01-08T00:00:00Z'],
    ['surrounding spaces', ' 2024-01-08'],
    ['slashes', '2024/01/08'],
    ['non-ASCII digits', '٢٠٢٤-01-08'],
    ['the empty string', ''],
  ])('rejects %s', (_why, s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it.each([[20240108], [null], [undefined], [new Date(0)], [{}]])('rejects the non-string %p', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it('accepts exactly the dates the UTC calendar formats the same way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const utc = new Date(0);
          utc.setUTCFullYear(y, m - 1, d);
          const real = m >= 1 && m <= 12 && utc.toISOString().slice(0, 10) === s;
          expect(isIsoDate(s)).toBe(real);
        },
      ),
    );
  });
});

describe('parseIsoDate', () => {
  it('returns a valid date unchanged', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
  });

  it('throws an InvalidDateError that names the input and the reason', () => {
    expect(() => parseIsoDate('2023-02-29')).toThrow(InvalidDateError);
    expect(() => parseIsoDate('2023-02-29')).toThrow('Invalid ISO date "2023-02-29": day must be 01..28 in 2023-02');
    expect(() => parseIsoDate('2024-13-01')).toThrow('Invalid ISO date "2024-13-01": month must be 01..12');
    expect(() => parseIsoDate('0000-06-01')).toThrow('Invalid ISO date "0000-06-01": year must be 1..9999');
    expect(() => parseIsoDate('8 Jan 2024')).toThrow('Invalid ISO date "8 Jan 2024": expected the form YYYY-MM-DD');
  });

  it('describes a non-string input by its type', () => {
    const error = (() => {
      try {
        parseIsoDate(42 as unknown as string);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidDateError);
    expect(error).toBeInstanceOf(Error);
    expect((error as InvalidDateError).name).toBe('InvalidDateError');
    expect((error as InvalidDateError).input).toBe(42);
    expect((error as InvalidDateError).message).toBe(
      'Invalid ISO date (number): expected a string in the form YYYY-MM-DD',
    );
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-01-08', 0)).toBe('2024-01-08');
    expect(addDays('2024-01-08', 140)).toBe('2024-05-27');
  });

  it('counts the days from one date to another, negative when the second is earlier', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-05-27', '2024-01-08')).toBe(-140);
    expect(daysBetween('2024-01-08', '2024-01-08')).toBe(0);
  });

  it('is not moved by daylight saving changes', () => {
    // The clocks in England went forward on 31 March 2024 and back on 27 October 2024.
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(daysBetween('2024-03-30', '2024-10-28')).toBe(212);
  });

  it('rejects a fractional or unsafe number of days, an invalid date and a result outside 0001..9999', () => {
    expect(() => addDays('2024-01-08', 0.5)).toThrow(/days must be an integer/);
    expect(() => addDays('2024-01-08', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('2024-01-08', Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => addDays('2024-02-30', 1)).toThrow(InvalidDateError);
    expect(() => addDays('9999-12-31', 1)).toThrow(/date out of range/);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => daysBetween('2024-01-08', 'soon')).toThrow(InvalidDateError);
  });

  it('is undone by daysBetween', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -40000, max: 40000 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(addDays(d, daysBetween(d, addDays(d, n)))).toBe(addDays(d, n));
      }),
    );
  });

  it('addDays(from, daysBetween(from, to)) is to', () => {
    fc.assert(
      fc.property(arbitraryDate(), arbitraryDate(), (from, to) => {
        expect(addDays(from, daysBetween(from, to))).toBe(to);
      }),
    );
  });

  it('is monotonic in the number of days', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -5000, max: 5000 }), fc.nat(5000), (d, n, extra) => {
        expect(compareDates(addDays(d, n), addDays(d, n + extra))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('compareDates, maxDate and minDate', () => {
  it('orders dates', () => {
    expect(compareDates('2024-01-08', '2024-01-09')).toBeLessThan(0);
    expect(compareDates('2024-01-09', '2024-01-08')).toBeGreaterThan(0);
    expect(compareDates('2024-01-08', '2024-01-08')).toBe(0);
    expect(compareDates('0999-12-31', '1000-01-01')).toBeLessThan(0);
  });

  it('agrees with the order of the strings for valid dates', () => {
    fc.assert(
      fc.property(arbitraryDate(1, 9999), arbitraryDate(1, 9999), (a, b) => {
        expect(Math.sign(compareDates(a, b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('picks the latest and the earliest', () => {
    expect(maxDate('2024-05-01', '2024-05-20', '2024-03-01')).toBe('2024-05-20');
    expect(minDate('2024-05-01', '2024-05-20', '2024-03-01')).toBe('2024-03-01');
    expect(maxDate('2024-05-01')).toBe('2024-05-01');
    expect(minDate('2024-05-01', '2024-05-01')).toBe('2024-05-01');
  });

  it('rejects no dates and invalid dates', () => {
    expect(() => maxDate()).toThrow(/at least one date/);
    expect(() => minDate()).toThrow(RangeError);
    expect(() => maxDate('2024-02-30')).toThrow(InvalidDateError);
    expect(() => minDate('2024-01-01', '2024-02-30')).toThrow(InvalidDateError);
  });

  it('returns one of its arguments, not before or after any of them', () => {
    fc.assert(
      fc.property(fc.array(arbitraryDate(), { minLength: 1, maxLength: 6 }), (ds) => {
        const latest = maxDate(...ds);
        const earliest = minDate(...ds);
        expect(ds).toContain(latest);
        expect(ds).toContain(earliest);
        for (const d of ds) {
          expect(compareDates(d, latest)).toBeLessThanOrEqual(0);
          expect(compareDates(d, earliest)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('dayOfWeek', () => {
  it('numbers ISO weekdays from Monday = 1 to Sunday = 7', () => {
    expect(dayOfWeek('2024-01-08')).toBe(1);
    expect(dayOfWeek('2024-01-12')).toBe(5);
    expect(dayOfWeek('2024-01-13')).toBe(6);
    expect(dayOfWeek('2024-01-14')).toBe(7);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('advances by one each day, wrapping from Sunday to Monday', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        expect(dayOfWeek(addDays(d, 1))).toBe((dayOfWeek(d) % 7) + 1);
      }),
    );
  });
});

describe('formatIsoDate', () => {
  it('pads years, months and days', () => {
    expect(formatIsoDate(987, 3, 4)).toBe('0987-03-04');
  });

  it('rejects a year outside 0001..9999', () => {
    expect(() => formatIsoDate(0, 1, 1)).toThrow(RangeError);
    expect(() => formatIsoDate(10000, 1, 1)).toThrow(/outside 1..9999/);
  });
});
