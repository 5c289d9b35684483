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
 * The deadline to review and amend a plan before a move between phases of education (reg 18): 15 February of the
 * year of the transfer, or 31 March for a move from secondary school to post-16 education.
 */
export function phaseTransferDeadline(transferYear: number, toPhase: EducationPhase): IsoDate {
  if (!Number.isInteger(transferYear)) throw new RangeError(`transfer year must be an integer, got ${transferYear}`);
  switch (toPhase) {
    case 'post-16':
      return formatIsoDate(transferYear, 3, 31);
    case 'early-years':
    case 'primary':
    case 'middle':
    case 'secondary':
      return formatIsoDate(transferYear, 2, 15);
  }
}
