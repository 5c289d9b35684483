import { describe, expect, it } from '@jest/globals';
import { addMonths as calendarAddMonths, dayOfWeek, isBankHoliday } from '#calendar';
import {
  addMonths,
  dayFromIso,
  isWorkingDay,
  isoOf,
  weekdayOf,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './days.js';

describe('day numbers', () => {
  it('agree with the calendar library on ISO dates, weekdays and month arithmetic over decades', () => {
    for (let day = dayFromIso('2005-01-01'); day <= dayFromIso('2036-12-31'); day += 37) {
      const iso = isoOf(day);
      expect(dayFromIso(iso)).toBe(day);
      expect(weekdayOf(day)).toBe(dayOfWeek(iso));
      for (const months of [1, 12, -12, 25]) expect(isoOf(addMonths(day, months))).toBe(calendarAddMonths(iso, months));
    }
  });

  it('apply the end-of-month rule', () => {
    expect(isoOf(addMonths(dayFromIso('2024-02-29'), 12))).toBe('2025-02-28');
    expect(isoOf(addMonths(dayFromIso('2024-01-31'), 1))).toBe('2024-02-29');
  });

  it('rejects what is not a date', () => {
    expect(() => dayFromIso('2025-02-29')).toThrow(RangeError);
    expect(() => dayFromIso('25-01-01')).toThrow(RangeError);
  });

  it('skip weekends and England & Wales bank holidays for working days', () => {
    expect(isoOf(workingDayOnOrAfter(dayFromIso('2025-12-25')))).toBe('2025-12-29');
    expect(isoOf(workingDayOnOrBefore(dayFromIso('2025-12-28')))).toBe('2025-12-24');
    expect(isWorkingDay(dayFromIso('2023-05-08'))).toBe(false); // the coronation
    for (let day = dayFromIso('2024-01-01'); day <= dayFromIso('2024-12-31'); day++) {
      const iso = isoOf(day);
      expect(isWorkingDay(day)).toBe(dayOfWeek(iso) <= 5 && !isBankHoliday(iso));
    }
  });

  it('skip bank holidays in any year, computed by rule', () => {
    expect(isWorkingDay(dayFromIso('2001-12-25'))).toBe(false);
    expect(isWorkingDay(dayFromIso('2001-12-24'))).toBe(true);
    expect(isWorkingDay(dayFromIso('2040-12-25'))).toBe(false);
  });
});
