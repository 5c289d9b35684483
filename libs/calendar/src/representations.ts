import { addDays, type IsoDate } from './dates.js';

/**
 * The last day of the period for representations on a draft plan (reg 13(1)): at least 15 days beginning with the
 * day the draft was served, so the served day plus 14 days. A final plan issued before the end of it is a breach.
 */
export function representationsEnd(draftServed: IsoDate): IsoDate {
  return addDays(draftServed, 14);
}
