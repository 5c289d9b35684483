import { civilFromDayNumber, dayNumberFromCivil, weekdayOfDayNumber } from './civil.js';
import { fromDayNumber, toDayNumber, type IsoDate } from './dates.js';

export interface IsoWeek {
  isoYear: number;
  week: number;
  /** `YYYY-Www`, e.g. `2024-W02`. */
  key: string;
  monday: IsoDate;
  sunday: IsoDate;
}

const ISO_WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The Monday of ISO week 1 of `isoYear`: the week holding 4 January. */
function mondayOfWeekOne(isoYear: number): number {
  const fourthOfJanuary = dayNumberFromCivil(isoYear, 1, 4);
  return fourthOfJanuary - (weekdayOfDayNumber(fourthOfJanuary) - 1);
}

function weeksInIsoYear(isoYear: number): number {
  return (mondayOfWeekOne(isoYear + 1) - mondayOfWeekOne(isoYear)) / 7;
}

/** The ISO 8601 week (Monday to Sunday) holding `d`; its year is the year of its Thursday. */
export function isoWeek(d: IsoDate): IsoWeek {
  const dayNumber = toDayNumber(d);
  const monday = dayNumber - (weekdayOfDayNumber(dayNumber) - 1);
  const isoYear = civilFromDayNumber(monday + 3).year;
  const week = (monday - mondayOfWeekOne(isoYear)) / 7 + 1;
  return {
    isoYear,
    week,
    key: `${String(isoYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`,
    monday: fromDayNumber(monday),
    sunday: fromDayNumber(monday + 6),
  };
}

/** The Monday of an ISO week given as `YYYY-Www`; throws RangeError for a malformed key or a week the year lacks. */
export function mondayOfIsoWeek(key: string): IsoDate {
  const match = ISO_WEEK_KEY.exec(key);
  if (!match) throw new RangeError(`Invalid ISO week ${JSON.stringify(key)}: expected the form YYYY-Www`);
  const isoYear = Number(match[1]);
  const week = Number(match[2]);
  const weeks = weeksInIsoYear(isoYear);
  if (week < 1 || week > weeks) {
    throw new RangeError(`Invalid ISO week ${JSON.stringify(key)}: ${match[1]} has weeks 01..${weeks}`);
  }
  return fromDayNumber(mondayOfWeekOne(isoYear) + (week - 1) * 7);
}
