import { describe, expect, it } from '@jest/globals';
import * as calendar from './index.js';

describe('the calendar public API', () => {
  it('follows one request through the statutory clock', () => {
    const request = calendar.parseIsoDate('2024-01-08');
    expect(calendar.addWeeks(request, 6)).toBe('2024-02-19');
    expect(calendar.addWeeks(request, 16)).toBe('2024-04-29');
    expect(calendar.addWeeks(request, 20)).toBe('2024-05-27');
    expect(calendar.representationsEnd('2024-04-22')).toBe('2024-05-06');
    const issued = '2024-05-10';
    expect(calendar.reviewDueDate(issued)).toBe('2025-05-09');
    expect(calendar.isoWeek(issued).key).toBe('2024-W19');
    expect(calendar.appealDeadline({ decisionDate: issued })).toBe('2024-07-10');
    expect(calendar.isWorkingDay('2024-05-27')).toBe(false); // the 20-week deadline is the spring bank holiday
  });

  it('exposes every function it documents', () => {
    const names = [
      'isIsoDate',
      'parseIsoDate',
      'addDays',
      'daysBetween',
      'compareDates',
      'maxDate',
      'minDate',
      'dayOfWeek',
      'addWeeks',
      'addMonths',
      'reviewDueDate',
      'isBankHoliday',
      'bankHolidays',
      'isWorkingDay',
      'nextWorkingDayOnOrAfter',
      'addWorkingDays',
      'appealDeadline',
      'tribunalTimeLimitEnd',
      'applicationNoticeTimeLimitEnd',
      'orderDeadlines',
      'transferInDeadlines',
      'phaseTransferDeadline',
      'representationsEnd',
      'isoWeek',
      'mondayOfIsoWeek',
      'resolveCalendarSettings',
      'easterSunday',
    ] as const;
    for (const name of names) expect(typeof calendar[name]).toBe('function');
    expect(new calendar.InvalidDateError('x', 'why')).toBeInstanceOf(Error);
    expect(calendar.DEFAULT_CALENDAR_SETTINGS.countFrom).toBe('day0');
  });
});
