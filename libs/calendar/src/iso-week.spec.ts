import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isLeapYear } from './civil.js';
import { addDays, compareDates, dayOfWeek, daysBetween, toCivil } from './dates.js';
import { isoWeek, mondayOfIsoWeek } from './iso-week.js';
import { arbitraryDate } from './testing/arbitraries.js';

/** An independent oracle: the ordinal-date method for the ISO week number. */
function weekNumberByOrdinal(d: string): { isoYear: number; week: number } {
  const { year } = toCivil(d);
  const ordinal = daysBetween(`${String(year).padStart(4, '0')}-01-01`, d) + 1;
  const week = Math.floor((ordinal - dayOfWeek(d) + 10) / 7);
  const weeksIn = (y: number): number => {
    const p = (n: number): number => (n + Math.floor(n / 4) - Math.floor(n / 100) + Math.floor(n / 400)) % 7;
    return p(y) === 4 || p(y - 1) === 3 ? 53 : 52;
  };
  if (week < 1) return { isoYear: year - 1, week: weeksIn(year - 1) };
  if (week > weeksIn(year)) return { isoYear: year + 1, week: 1 };
  return { isoYear: year, week };
}

describe('isoWeek', () => {
  it('gives the week, its key and its Monday and Sunday', () => {
    expect(isoWeek('2024-01-10')).toEqual({
      isoYear: 2024,
      week: 2,
      key: '2024-W02',
      monday: '2024-01-08',
      sunday: '2024-01-14',
    });
  });

  it('puts the first days of January in the previous ISO year when the week starts there', () => {
    expect(isoWeek('2021-01-03')).toMatchObject({ isoYear: 2020, week: 53, key: '2020-W53', monday: '2020-12-28' });
    expect(isoWeek('2023-01-01')).toMatchObject({ isoYear: 2022, week: 52, key: '2022-W52' });
  });

  it('puts the last days of December in the next ISO year when the week ends there', () => {
    expect(isoWeek('2024-12-30')).toMatchObject({ isoYear: 2025, week: 1, key: '2025-W01', sunday: '2025-01-05' });
    expect(isoWeek('2019-12-31')).toMatchObject({ isoYear: 2020, week: 1 });
  });

  it('knows years with 53 weeks', () => {
    expect(isoWeek('2026-12-31').key).toBe('2026-W53');
    expect(isoWeek('2015-12-31').key).toBe('2015-W53');
    expect(isoWeek('2024-12-29').key).toBe('2024-W52');
  });

  it('brackets the date with its Monday and Sunday', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        const { monday, sunday } = isoWeek(d);
        expect(dayOfWeek(monday)).toBe(1);
        expect(daysBetween(monday, sunday)).toBe(6);
        expect(compareDates(monday, d)).toBeLessThanOrEqual(0);
        expect(compareDates(d, sunday)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('agrees with the ordinal-date method', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        const { isoYear, week } = isoWeek(d);
        expect({ isoYear, week }).toEqual(weekNumberByOrdinal(d));
      }),
    );
  });

  it('gives every day of a week the same key, and the next week the next key', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        const week = isoWeek(d);
        expect(isoWeek(week.monday)).toEqual(week);
        expect(isoWeek(week.sunday)).toEqual(week);
        const next = isoWeek(addDays(week.sunday, 1));
        if (next.week === 1) {
          expect(next.isoYear).toBe(week.isoYear + 1);
          expect(week.week).toBeGreaterThanOrEqual(52);
        } else {
          expect(next).toMatchObject({ isoYear: week.isoYear, week: week.week + 1 });
        }
      }),
    );
  });

  it('rejects an invalid date', () => {
    expect(() => isoWeek('2024-W02')).toThrow(/Invalid ISO date/);
  });
});

describe('mondayOfIsoWeek', () => {
  it('gives the Monday of a week', () => {
    expect(mondayOfIsoWeek('2024-W02')).toBe('2024-01-08');
    expect(mondayOfIsoWeek('2025-W01')).toBe('2024-12-30');
    expect(mondayOfIsoWeek('2020-W53')).toBe('2020-12-28');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
  });

  it('inverts isoWeek', () => {
    fc.assert(
      fc.property(arbitraryDate(), (d) => {
        const week = isoWeek(d);
        expect(mondayOfIsoWeek(week.key)).toBe(week.monday);
      }),
    );
  });

  it('accepts week 53 only in a year that has it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), (year) => {
        const jan1 = dayOfWeek(`${year}-01-01`);
        const long = jan1 === 4 || (isLeapYear(year) && jan1 === 3);
        const key = `${year}-W53`;
        if (long) expect(isoWeek(mondayOfIsoWeek(key)).key).toBe(key);
        else expect(() => mondayOfIsoWeek(key)).toThrow(RangeError);
      }),
    );
  });

  it.each(['2024-W00', '2021-W53', '2024-W54', '2024-W2', '2024W02', '2024-w02', '24-W02', ''])('rejects %p', (key) => {
    expect(() => mondayOfIsoWeek(key)).toThrow(RangeError);
  });

  it('explains what is wrong', () => {
    expect(() => mondayOfIsoWeek('2024W02')).toThrow('Invalid ISO week "2024W02": expected the form YYYY-Www');
    expect(() => mondayOfIsoWeek('2021-W53')).toThrow('Invalid ISO week "2021-W53": 2021 has weeks 01..52');
  });
});
