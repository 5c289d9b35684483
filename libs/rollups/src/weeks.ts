import { addDays, addMonths, isoWeek, mondayOfIsoWeek, type IsoDate } from '#calendar';

/** One ISO week (Monday to Sunday, Europe/London dates) and the rolling 12 months that end on its Sunday. */
export interface WeekWindow {
  /** `YYYY-Www`, e.g. `2024-W02`. */
  readonly week: string;
  readonly weekStart: IsoDate;
  readonly weekEnd: IsoDate;
  /** First day of the 12 months ending on `weekEnd` (the day after `weekEnd` minus 12 months). */
  readonly rollingFrom: IsoDate;
}

/** The window of an ISO week key; throws RangeError for a malformed key or a week its year lacks. */
export function weekWindow(week: string): WeekWindow {
  const weekStart = mondayOfIsoWeek(week);
  const weekEnd = addDays(weekStart, 6);
  return { week, weekStart, weekEnd, rollingFrom: addDays(addMonths(weekEnd, -12), 1) };
}

/** The newest week whose Sunday has ended by `today` (a Europe/London date): on a Monday, the week just ended. */
export function lastCompleteWeek(today: IsoDate): string {
  return isoWeek(addDays(today, -7)).key;
}

/** Whether every day of the week has ended by `today`. */
export function isComplete(week: string, today: IsoDate): boolean {
  return weekWindow(week).weekEnd < today;
}

/** The `count` complete weeks up to the last complete one, newest first. */
export function recentWeeks(today: IsoDate, count: number): string[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive whole number, got ${count}`);
  const last = weekWindow(lastCompleteWeek(today)).weekStart;
  return Array.from({ length: count }, (_, i) => isoWeek(addDays(last, -7 * i)).key);
}
