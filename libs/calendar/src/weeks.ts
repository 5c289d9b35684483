import { addDays, requireInteger, type IsoDate } from './dates.js';
import { DEFAULT_CALENDAR_SETTINGS, type CountFrom } from './settings.js';

/**
 * The last day of a period of `weeks` calendar weeks from `d`: "within N weeks" means on or before this date.
 * `day0` (default): d + 7N days. `day1` (the start date counts as day 1): d + 7N - 1 days.
 */
export function addWeeks(
  d: IsoDate,
  weeks: number,
  countFrom: CountFrom = DEFAULT_CALENDAR_SETTINGS.countFrom,
): IsoDate {
  requireInteger('weeks', weeks);
  return addDays(d, weeks * 7 - (countFrom === 'day1' ? 1 : 0));
}
