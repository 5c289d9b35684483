import {
  bankHolidays,
  civilFromDayNumber,
  dayNumberFromCivil,
  daysInMonth,
  weekdayOfDayNumber,
  type CivilDate,
  type IsoDate,
} from '#calendar';

/**
 * Dates as whole day numbers (days since 1970-01-01) inside the generator: comparing and adding integers is much
 * cheaper than parsing strings, and millions of dates are drawn for a national run. ISO strings are made only when
 * an event is written, and cached.
 */

export type YearMonthDay = CivilDate;

export { daysInMonth };

/** Day number of a civil date (proleptic Gregorian). */
export const dayOf = dayNumberFromCivil;

export const civilOf = civilFromDayNumber;

const ISO_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO date; throws on anything that is not a real date. */
export function dayFromIso(date: IsoDate): number {
  const match = ISO_SHAPE.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return dayOf(year, month, day);
}

const isoCache = new Map<number, IsoDate>();

export function isoOf(dayNumber: number): IsoDate {
  let iso = isoCache.get(dayNumber);
  if (iso === undefined) {
    const { year, month, day } = civilOf(dayNumber);
    iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    isoCache.set(dayNumber, iso);
  }
  return iso;
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export const weekdayOf = weekdayOfDayNumber;

/** The same day of the month `months` later; a day missing from the target month falls on its last day. */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = civilOf(dayNumber);
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dayOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function yearOf(dayNumber: number): number {
  return civilOf(dayNumber).year;
}

const bankHolidayDays = new Set<number>();
const bankHolidayYearsLoaded = new Set<number>();

function loadBankHolidays(year: number): void {
  if (bankHolidayYearsLoaded.has(year)) return;
  bankHolidayYearsLoaded.add(year);
  for (const date of bankHolidays(year)) bankHolidayDays.add(dayFromIso(date));
}

/** Whether an LA office would record a fact on this day: a weekday that is not an England & Wales bank holiday. */
export function isWorkingDay(dayNumber: number): boolean {
  if (weekdayOf(dayNumber) >= 6) return false;
  loadBankHolidays(yearOf(dayNumber));
  return !bankHolidayDays.has(dayNumber);
}

/** The first working day on or after `dayNumber`. */
export function workingDayOnOrAfter(dayNumber: number): number {
  let d = dayNumber;
  while (!isWorkingDay(d)) d++;
  return d;
}

/** The last working day on or before `dayNumber`. */
export function workingDayOnOrBefore(dayNumber: number): number {
  let d = dayNumber;
  while (!isWorkingDay(d)) d--;
  return d;
}
