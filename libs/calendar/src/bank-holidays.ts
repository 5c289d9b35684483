import { dayNumberFromCivil, daysInMonth, weekdayOfDayNumber } from './civil.js';
import { fromDayNumber, toCivil, toDayNumber, type IsoDate } from './dates.js';
import { easterSunday } from './easter.js';
import { ONE_OFF_CHANGES } from './one-off-bank-holidays.js';

/**
 * England & Wales bank holidays by rule, for any year. The schedule is that of the Banking and Financial Dealings
 * Act 1971 (Schedule 1) with the holidays added since by royal proclamation under its section 1(3):
 * - New Year's Day, from 1974, on the next weekday when it falls at a weekend;
 * - Good Friday and Easter Monday (Easter from the Gregorian computus);
 * - the early May holiday, the first Monday in May, from 1978;
 * - the spring holiday, the last Monday in May, and the summer holiday, the last Monday in August;
 * - Christmas Day and Boxing Day, each moved to the next free weekday when it falls at a weekend.
 * The one-off changes (`one-off-bank-holidays.ts`) then move or add days. A year before 1971 follows the 1971
 * schedule as it stood in 1971; a year after the last one-off follows the usual pattern until a change is proclaimed.
 */

const MONDAY = 1;
/** The first year with a New Year's Day bank holiday in England & Wales (proclaimed from 1974). */
const NEW_YEAR_FROM = 1974;
/** The first year with the early May bank holiday (proclaimed from 1978). */
const EARLY_MAY_FROM = 1978;

function firstWeekdayOnOrAfter(dayNumber: number, weekday: number): number {
  return dayNumber + ((weekday - weekdayOfDayNumber(dayNumber) + 7) % 7);
}

function lastWeekdayOnOrBefore(dayNumber: number, weekday: number): number {
  return dayNumber - ((weekdayOfDayNumber(dayNumber) - weekday + 7) % 7);
}

function isWeekendDay(dayNumber: number): boolean {
  return weekdayOfDayNumber(dayNumber) >= 6;
}

/**
 * Holidays on fixed dates, each moved to the next weekday that is not already a holiday when it falls at a weekend
 * (the "substitute day"): Christmas on a Saturday gives Monday 27 and Tuesday 28 December.
 */
function withSubstituteDays(fixed: number[]): number[] {
  const observed: number[] = [];
  for (const day of fixed) {
    let candidate = day;
    while (isWeekendDay(candidate) || observed.includes(candidate)) candidate += 1;
    observed.push(candidate);
  }
  return observed;
}

function usualBankHolidays(year: number): number[] {
  const easter = toDayNumber(easterSunday(year));
  const endOfMay = dayNumberFromCivil(year, 5, daysInMonth(year, 5));
  const endOfAugust = dayNumberFromCivil(year, 8, daysInMonth(year, 8));
  return [
    ...(year >= NEW_YEAR_FROM ? withSubstituteDays([dayNumberFromCivil(year, 1, 1)]) : []),
    easter - 2, // Good Friday
    easter + 1, // Easter Monday
    ...(year >= EARLY_MAY_FROM ? [firstWeekdayOnOrAfter(dayNumberFromCivil(year, 5, 1), MONDAY)] : []),
    lastWeekdayOnOrBefore(endOfMay, MONDAY), // spring
    lastWeekdayOnOrBefore(endOfAugust, MONDAY), // summer
    ...withSubstituteDays([dayNumberFromCivil(year, 12, 25), dayNumberFromCivil(year, 12, 26)]),
  ];
}

const byYear = new Map<number, { list: readonly IsoDate[]; days: ReadonlySet<number> }>();

function holidaysOf(year: number): { list: readonly IsoDate[]; days: ReadonlySet<number> } {
  const cached = byYear.get(year);
  if (cached) return cached;
  if (!Number.isInteger(year)) throw new RangeError(`year must be an integer, got ${year}`);
  const change = ONE_OFF_CHANGES[year] ?? {};
  const moves = new Map(
    Object.entries(change.moves ?? {}).map(([from, to]) => [toDayNumber(from), toDayNumber(to)] as const),
  );
  const days = [
    ...usualBankHolidays(year).map((day) => moves.get(day) ?? day),
    ...(change.adds ?? []).map(toDayNumber),
  ];
  days.sort((a, b) => a - b);
  const entry = { list: Object.freeze(days.map(fromDayNumber)), days: new Set(days) };
  byYear.set(year, entry);
  return entry;
}

/** England & Wales bank holidays of `year`, sorted. Throws RangeError only for a year that is not an integer. */
export function bankHolidays(year: number): IsoDate[] {
  return [...holidaysOf(year).list];
}

/** Whether `d` is an England & Wales bank holiday. */
export function isBankHoliday(d: IsoDate): boolean {
  const { year, month, day } = toCivil(d);
  return holidaysOf(year).days.has(dayNumberFromCivil(year, month, day));
}
