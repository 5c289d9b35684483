import { BANK_HOLIDAY_YEARS, bankHolidays, type IsoDate } from '#calendar';

/**
 * Dates as whole day numbers (days since 1970-01-01) inside the generator: comparing and adding integers is much
 * cheaper than parsing strings, and millions of dates are drawn for a national run. ISO strings are made only when
 * an event is written, and cached.
 */

export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 31);
}

/** Day number of a civil date (proleptic Gregorian; H. Hinnant's days_from_civil). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

export function civilOf(dayNumber: number): YearMonthDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

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

/** ISO weekday: 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

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
  if (year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last) return;
  for (const date of bankHolidays(year)) bankHolidayDays.add(dayFromIso(date));
}

/** Whether an LA office would record a fact on this day: a weekday that is not an England & Wales bank holiday
 * (holidays are known for the calendar library's years; outside them only weekends count). */
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
