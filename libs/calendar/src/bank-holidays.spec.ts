import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { bankHolidays, isBankHoliday } from './bank-holidays.js';
import { addDays, dayOfWeek } from './dates.js';
import { arbitraryDate } from './testing/arbitraries.js';

// England & Wales bank holidays as published on gov.uk, substitute days included.
const PUBLISHED: Record<number, string[]> = {
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

const GOVUK = JSON.parse(
  readFileSync(new URL('./testing/govuk-bank-holidays-england-and-wales.json', import.meta.url), 'utf8'),
) as { years: Record<string, string[]> };

const YEARS_1990_TO_2100 = Array.from({ length: 111 }, (_, i) => 1990 + i);
const ONE_OFF_COUNTS: Record<number, number> = { 1999: 9, 2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9 };

describe('bankHolidays', () => {
  it('gives exactly the GOV.UK published list for every year 2012 to 2028 (140 dates)', () => {
    const years = Object.keys(GOVUK.years);
    expect(years).toEqual(Array.from({ length: 17 }, (_, i) => String(2012 + i)));
    expect(Object.values(GOVUK.years).flat()).toHaveLength(140);
    for (const year of years) expect(bankHolidays(Number(year))).toEqual(GOVUK.years[year]);
  });

  it('applies the one-off changes of 1995, 1999, 2002 and earlier proclamations', () => {
    expect(isBankHoliday('1995-05-01')).toBe(false); // early May moved to VE Day's 50th anniversary
    expect(isBankHoliday('1995-05-08')).toBe(true);
    expect(isBankHoliday('1999-12-31')).toBe(true); // millennium
    expect(bankHolidays(2000)[0]).toBe('2000-01-03'); // 1 January 2000 was a Saturday
    expect(isBankHoliday('2002-05-27')).toBe(false); // spring holiday moved for the Golden Jubilee
    expect(isBankHoliday('2002-06-03')).toBe(true);
    expect(isBankHoliday('2002-06-04')).toBe(true);
    expect(isBankHoliday('1981-07-29')).toBe(true);
    expect(isBankHoliday('1977-06-07')).toBe(true);
  });

  it('has no New Year holiday before 1974 and no early May holiday before 1978', () => {
    expect(isBankHoliday('1973-01-01')).toBe(false);
    expect(isBankHoliday('1974-01-01')).toBe(true);
    expect(isBankHoliday('1977-05-02')).toBe(false);
    expect(isBankHoliday('1978-05-01')).toBe(true);
  });

  it.each(Object.entries(PUBLISHED))('matches the published list for %s', (year, days) => {
    expect(bankHolidays(Number(year))).toEqual(days.map((md) => `${year}-${md}`));
  });

  it('moves the 2020 early May holiday to Friday 8 May for VE Day', () => {
    expect(isBankHoliday('2020-05-04')).toBe(false);
    expect(isBankHoliday('2020-05-08')).toBe(true);
  });

  it('moves the 2022 spring holiday to Thursday 2 June and adds the Platinum Jubilee and the state funeral', () => {
    expect(isBankHoliday('2022-05-30')).toBe(false);
    expect(isBankHoliday('2022-06-02')).toBe(true);
    expect(isBankHoliday('2022-06-03')).toBe(true);
    expect(isBankHoliday('2022-09-19')).toBe(true);
  });

  it('adds the coronation on Monday 8 May 2023 to the early May holiday', () => {
    expect(isBankHoliday('2023-05-01')).toBe(true);
    expect(isBankHoliday('2023-05-08')).toBe(true);
  });

  it('gives substitute days for a Christmas on Saturday, on Sunday and a Boxing Day on Saturday', () => {
    expect(bankHolidays(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']); // 25 December 2032 is a Saturday
    expect(bankHolidays(2033).slice(-2)).toEqual(['2033-12-26', '2033-12-27']); // a Sunday
    expect(bankHolidays(2031).slice(-2)).toEqual(['2031-12-25', '2031-12-26']); // a Thursday
    expect(bankHolidays(2026).slice(-2)).toEqual(['2026-12-25', '2026-12-28']); // Boxing Day a Saturday
  });

  it('gives a substitute day for a New Year on Saturday or Sunday', () => {
    expect(bankHolidays(2028)[0]).toBe('2028-01-03'); // 1 January 2028 is a Saturday
    expect(bankHolidays(2034)[0]).toBe('2034-01-02'); // a Sunday
  });

  it.each(YEARS_1990_TO_2100)('gives %i sorted, distinct weekdays of that year', (year) => {
    const days = bankHolidays(year);
    const expectedCount = ONE_OFF_COUNTS[year] ?? 8;
    expect(days).toHaveLength(expectedCount);
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort()).toEqual(days);
    for (const d of days) {
      expect(d.startsWith(`${year}-`) || d === `${year + 1}-01-01`).toBe(true);
      expect(dayOfWeek(d)).toBeLessThanOrEqual(5);
    }
    const mondays = days.filter((d) => dayOfWeek(d) === 1).length;
    const fridays = days.filter((d) => dayOfWeek(d) === 5).length;
    expect(mondays).toBeGreaterThanOrEqual(4); // Easter Monday, early May (except 2020), spring (except 2022), summer
    expect(fridays).toBeGreaterThanOrEqual(1); // Good Friday
  });

  it('returns a copy the caller may change', () => {
    const days = bankHolidays(2024);
    days.push('2024-07-04');
    expect(bankHolidays(2024)).toHaveLength(8);
    expect(isBankHoliday('2024-07-04')).toBe(false);
  });

  it('refuses a year that is not an integer', () => {
    expect(() => bankHolidays(2024.5)).toThrow(RangeError);
  });

  it('answers for far years by the usual pattern', () => {
    expect(bankHolidays(2100)).toEqual([
      '2100-01-01',
      '2100-03-26',
      '2100-03-29',
      '2100-05-03',
      '2100-05-31',
      '2100-08-30',
      '2100-12-27',
      '2100-12-28',
    ]);
  });
});

describe('isBankHoliday', () => {
  it.each([1990, 1995, 1999, 2000, 2002, 2012, 2022, 2024, 2035, 2036, 2100])(
    'agrees with the list for every day of %i',
    (year) => {
      const days = new Set(bankHolidays(year));
      let found = 0;
      for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) {
        expect(isBankHoliday(d)).toBe(days.has(d));
        if (isBankHoliday(d)) found += 1;
      }
      expect(found).toBe(days.size);
    },
  );

  it('refuses an invalid date', () => {
    expect(() => isBankHoliday('2024-02-30')).toThrow(/Invalid ISO date/);
  });

  it('answers for every date from 1990 to 2100 without an error', () => {
    fc.assert(
      fc.property(arbitraryDate(1990, 2100), (d) => {
        expect(typeof isBankHoliday(d)).toBe('boolean');
      }),
    );
  });
});
