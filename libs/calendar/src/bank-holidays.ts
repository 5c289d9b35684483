import { dayNumberFromCivil, daysInMonth, weekdayOfDayNumber } from './civil.js';
import { fromDayNumber, toCivil, toDayNumber, type IsoDate } from './dates.js';
import { easterSunday } from './easter.js';

/** Years whose England & Wales bank holidays are known, one-off changes included. */
// From 2010, so that plans transferred from statements and long-running cases keep working-day rules.
export const BANK_HOLIDAY_YEARS = Object.freeze({ first: 2010, last: 2035 });

const MONDAY = 1;

/**
 * Changes to the usual pattern announced by royal proclamation. Each entry replaces a usual holiday (`moves`) or adds
 * one (`adds`). Years after the last one listed follow the usual pattern until a change is announced.
 */
const ONE_OFF_CHANGES: Readonly<Record<number, { moves?: Record<IsoDate, IsoDate>; adds?: IsoDate[] }>> = {
  2011: { adds: ['2011-04-29'] }, // royal wedding
  2012: { moves: { '2012-05-28': '2012-06-04' }, adds: ['2012-06-05'] }, // Diamond Jubilee
  2020: { moves: { '2020-05-04': '2020-05-08' } }, // early May bank holiday moved to VE Day's 75th anniversary
  2022: {
    moves: { '2022-05-30': '2022-06-02' }, // spring bank holiday moved for the Platinum Jubilee
    adds: ['2022-06-03', '2022-09-19'], // Platinum Jubilee; state funeral of Queen Elizabeth II
  },
  2023: { adds: ['2023-05-08'] }, // coronation of King Charles III
};

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
    ...withSubstituteDays([dayNumberFromCivil(year, 1, 1)]),
    easter - 2, // Good Friday
    easter + 1, // Easter Monday
    firstWeekdayOnOrAfter(dayNumberFromCivil(year, 5, 1), MONDAY), // early May
    lastWeekdayOnOrBefore(endOfMay, MONDAY), // spring
    lastWeekdayOnOrBefore(endOfAugust, MONDAY), // summer
    ...withSubstituteDays([dayNumberFromCivil(year, 12, 25), dayNumberFromCivil(year, 12, 26)]),
  ];
}

function requireSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last) {
    throw new RangeError(
      `England & Wales bank holidays are known for ${BANK_HOLIDAY_YEARS.first}..${BANK_HOLIDAY_YEARS.last}, not ${year}`,
    );
  }
}

const byYear = new Map<number, { list: readonly IsoDate[]; days: ReadonlySet<number> }>();

function holidaysOf(year: number): { list: readonly IsoDate[]; days: ReadonlySet<number> } {
  const cached = byYear.get(year);
  if (cached) return cached;
  requireSupportedYear(year);
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

/** England & Wales bank holidays of `year`, sorted. Throws RangeError outside BANK_HOLIDAY_YEARS. */
export function bankHolidays(year: number): IsoDate[] {
  return [...holidaysOf(year).list];
}

/** Whether `d` is an England & Wales bank holiday. Throws RangeError for a year outside BANK_HOLIDAY_YEARS. */
export function isBankHoliday(d: IsoDate): boolean {
  const { year, month, day } = toCivil(d);
  return holidaysOf(year).days.has(dayNumberFromCivil(year, month, day));
}
