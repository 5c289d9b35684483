/**
 * Statutory date arithmetic for the SEND Regulations 2014. Dates are ISO strings (`YYYY-MM-DD`) at the API and UTC-free
 * day numbers inside, so no time zone or daylight-saving change can move a deadline.
 */
export {
  type IsoDate,
  InvalidDateError,
  MIN_YEAR,
  MAX_YEAR,
  isIsoDate,
  parseIsoDate,
  addDays,
  daysBetween,
  compareDates,
  maxDate,
  minDate,
  dayOfWeek,
} from './dates.js';
/** Day-number primitives, for callers that draw millions of dates (the synthetic generator). */
export { type CivilDate, daysInMonth, dayNumberFromCivil, civilFromDayNumber, weekdayOfDayNumber } from './civil.js';
export {
  type CountFrom,
  type ReviewDueRule,
  type NextReviewFrom,
  type CalendarSettings,
  DEFAULT_CALENDAR_SETTINGS,
  resolveCalendarSettings,
} from './settings.js';
export { addWeeks } from './weeks.js';
export { addMonths, reviewDueDate } from './months.js';
export { easterSunday } from './easter.js';
export { bankHolidays, isBankHoliday } from './bank-holidays.js';
export { isWorkingDay, nextWorkingDayOnOrAfter, addWorkingDays } from './working-days.js';
export { tribunalTimeLimitEnd, applicationNoticeTimeLimitEnd } from './tribunal-time.js';
export { type AppealWindowInput, appealDeadline } from './appeals.js';
export { type OrderKind, type OrderStep, type OrderDeadline, orderDeadlines } from './orders.js';
export {
  type TransferInInput,
  type EducationPhase,
  transferInDeadlines,
  phaseTransferDeadline,
  post16TransferDeadline,
} from './transfers.js';
export { representationsEnd } from './representations.js';
export { type IsoWeek, isoWeek, mondayOfIsoWeek } from './iso-week.js';
