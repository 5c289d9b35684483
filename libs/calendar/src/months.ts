import { daysInMonth } from './civil.js';
import { addDays, formatIsoDate, requireInteger, toCivil, type IsoDate } from './dates.js';
import { DEFAULT_CALENDAR_SETTINGS, type ReviewDueRule } from './settings.js';

/**
 * The same day of the month `months` later (or earlier, when negative). A day that does not exist in the target month
 * falls on that month's last day: 31 Jan + 1 month is 28 (or 29) Feb; 29 Feb 2024 + 12 months is 28 Feb 2025.
 */
export function addMonths(d: IsoDate, months: number): IsoDate {
  requireInteger('months', months);
  const { year, month, day } = toCivil(d);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/**
 * The date by which an annual review is due, counted from a plan's issue or the previous review.
 * `strict` (default): within 12 months *beginning with* the date, so the day before the anniversary.
 * `anniversary`: the anniversary itself.
 */
export function reviewDueDate(from: IsoDate, rule: ReviewDueRule = DEFAULT_CALENDAR_SETTINGS.reviewDue): IsoDate {
  const anniversary = addMonths(from, 12);
  return rule === 'strict' ? addDays(anniversary, -1) : anniversary;
}
