import { describe, expect, it } from '@jest/globals';
import { BANK_HOLIDAY_YEARS, bankHolidays, isBankHoliday } from './bank-holidays.js';
import { addDays, dayOfWeek } from './dates.js';

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

const SUPPORTED_YEARS = Array.from(
  { length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 },
  (_, i) => BANK_HOLIDAY_YEARS.first + i,
);

describe('bankHolidays', () => {
  it('covers 2010 to 2035', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2010, last: 2035 });
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

  it.each(SUPPORTED_YEARS)('gives %i sorted, distinct weekdays of that year', (year) => {
    const days = bankHolidays(year);
    const expectedCount = year === 2022 ? 10 : year === 2011 || year === 2012 || year === 2023 ? 9 : 8;
    expect(days).toHaveLength(expectedCount);
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort()).toEqual(days);
    for (const d of days) {
      expect(d.startsWith(`${year}-`)).toBe(true);
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

  it('refuses a year it does not know', () => {
    expect(() => bankHolidays(2009)).toThrow(RangeError);
    expect(() => bankHolidays(2036)).toThrow('England & Wales bank holidays are known for 2010..2035, not 2036');
    expect(() => bankHolidays(2024.5)).toThrow(RangeError);
  });
});

describe('isBankHoliday', () => {
  it.each(SUPPORTED_YEARS)('agrees with the list for every day of %i', (year) => {
    const days = new Set(bankHolidays(year));
    let found = 0;
    for (let d = `${year}-01-01`; d.startsWith(`${year}-`); d = addDays(d, 1)) {
      expect(isBankHoliday(d)).toBe(days.has(d));
      if (isBankHoliday(d)) found += 1;
    }
    expect(found).toBe(days.size);
  });

  it('refuses a date in a year it does not know, and an invalid date', () => {
    expect(() => isBankHoliday('2009-12-25')).toThrow(RangeError);
    expect(() => isBankHoliday('2036-01-01')).toThrow(/known for 2010..2035/);
    expect(() => isBankHoliday('2024-02-30')).toThrow(/Invalid ISO date/);
  });
});
