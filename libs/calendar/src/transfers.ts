import { formatIsoDate, maxDate, type IsoDate } from './dates.js';
import { addMonths, reviewDueDate } from './months.js';
import { DEFAULT_CALENDAR_SETTINGS, type ReviewDueRule } from './settings.js';
import { addWeeks } from './weeks.js';

export interface TransferInInput {
  transferDate: IsoDate;
  lastReviewDate?: IsoDate;
  rule?: ReviewDueRule;
}

/**
 * A plan transferred in from another local authority (reg 15): the new authority notifies the family within 6 weeks
 * of the transfer, and reviews the plan by the later of the date the review was due under the old authority and 3
 * months from the transfer.
 */
export function transferInDeadlines(input: TransferInInput): { notifyBy: IsoDate; reviewBy: IsoDate } {
  const notifyBy = addWeeks(input.transferDate, 6, 'day0');
  const threeMonths = addMonths(input.transferDate, 3);
  const reviewBy =
    input.lastReviewDate === undefined
      ? threeMonths
      : maxDate(reviewDueDate(input.lastReviewDate, input.rule ?? DEFAULT_CALENDAR_SETTINGS.reviewDue), threeMonths);
  return { notifyBy, reviewBy };
}

export type EducationPhase = 'early-years' | 'primary' | 'middle' | 'secondary' | 'post-16';

/**
 * The last day to review and amend a plan for a move between phases of education. SEND Regulations 2014 reg 18(1)
 * requires it to be done *before* 15 February of the calendar year of the transfer, or before 31 March for a move
 * from secondary school to post-16 education, so the last day on time is 14 February (30 March): a plan amended on
 * 15 February is late.
 */
export function phaseTransferDeadline(transferYear: number, toPhase: EducationPhase): IsoDate {
  if (!Number.isInteger(transferYear)) throw new RangeError(`transfer year must be an integer, got ${transferYear}`);
  switch (toPhase) {
    case 'post-16':
      return formatIsoDate(transferYear, 3, 30);
    case 'early-years':
    case 'primary':
    case 'middle':
    case 'secondary':
      return formatIsoDate(transferYear, 2, 14);
  }
}

/**
 * The last day to review and amend a plan for a move from one post-16 institution to another at any other time:
 * SEND Regulations 2014 reg 18(2), "at least five months before that transfer takes place". Five calendar months
 * before the transfer date is itself on time; a day later is late. A day that does not exist five months earlier
 * falls on that month's last day (31 July -> 28 February), which is still at least five months before.
 */
export function post16TransferDeadline(transferOn: IsoDate): IsoDate {
  return addMonths(transferOn, -5);
}
