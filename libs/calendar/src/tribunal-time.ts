import { formatIsoDate, toCivil, type IsoDate } from './dates.js';
import { nextWorkingDayOnOrAfter } from './working-days.js';

/**
 * Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules 2008, r.12(2): a time
 * limit that ends on a day other than a working day is met by doing the act on the next working day. "Working day"
 * (r.1(3)) excludes Saturdays, Sundays, Christmas Day, Good Friday and bank holidays under the Banking and Financial
 * Dealings Act 1971 s.1, which is `isWorkingDay`.
 */
export function tribunalTimeLimitEnd(lastDay: IsoDate): IsoDate {
  return nextWorkingDayOnOrAfter(lastDay);
}

/**
 * The same rules, r.12(3)(a), for the notice of appeal in a special educational needs case: a time limit that ends
 * from 25 December to 1 January inclusive is met on the first working day after 1 January, one that ends in August on
 * the first working day after 31 August; any other end moves to the next working day under r.12(2).
 */
export function applicationNoticeTimeLimitEnd(lastDay: IsoDate): IsoDate {
  const { year, month, day } = toCivil(lastDay);
  if (month === 12 && day >= 25) return nextWorkingDayOnOrAfter(formatIsoDate(year + 1, 1, 2));
  if (month === 1 && day === 1) return nextWorkingDayOnOrAfter(formatIsoDate(year, 1, 2));
  if (month === 8) return nextWorkingDayOnOrAfter(formatIsoDate(year, 9, 1));
  return tribunalTimeLimitEnd(lastDay);
}
