import { weekdayOfDayNumber } from './civil.js';
import { addDays, parseIsoDate, requireInteger, toDayNumber, type IsoDate } from './dates.js';
import { isBankHoliday } from './bank-holidays.js';

/** Monday to Friday and not an England & Wales bank holiday. */
export function isWorkingDay(d: IsoDate): boolean {
  return weekdayOfDayNumber(toDayNumber(d)) <= 5 && !isBankHoliday(d);
}

export function nextWorkingDayOnOrAfter(d: IsoDate): IsoDate {
  let candidate = d;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}

/** The date `n` working days after `d` (`d` itself for n = 0, whether or not it is a working day). */
export function addWorkingDays(d: IsoDate, n: number): IsoDate {
  requireInteger('working days', n);
  if (n < 0) throw new RangeError(`working days must be 0 or more, got ${n}`);
  let current = parseIsoDate(d);
  for (let counted = 0; counted < n;) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}
