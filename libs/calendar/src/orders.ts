import { type IsoDate } from './dates.js';
import { tribunalTimeLimitEnd } from './tribunal-time.js';
import { addWeeks } from './weeks.js';

/** The kinds of tribunal order that reg 44 gives the local authority a deadline to comply with. */
export type OrderKind = 'assess' | 'reassess' | 'make-and-maintain' | 'amend' | 'amend-school' | 'cease-dismissed';

export type OrderStep =
  'notify-decision' | 'no-plan-notice' | 'draft-plan' | 'final-plan' | 'amend-plan' | 'amend-school' | 'continue-plan';

export interface OrderDeadline {
  step: OrderStep;
  due: IsoDate;
}

/** Weeks from the order to each step (reg 44(2)); 0 means immediately. */
const STEPS: Readonly<Record<OrderKind, readonly (readonly [OrderStep, number])[]>> = {
  assess: [
    ['notify-decision', 2],
    ['no-plan-notice', 10],
    ['final-plan', 14],
  ],
  reassess: [
    ['notify-decision', 2],
    ['no-plan-notice', 10],
    ['final-plan', 14],
  ],
  'make-and-maintain': [
    ['draft-plan', 5],
    ['final-plan', 11],
  ],
  amend: [['amend-plan', 5]],
  'amend-school': [['amend-school', 2]],
  'cease-dismissed': [['continue-plan', 0]],
};

/**
 * The deadlines to comply with a tribunal order, in calendar weeks from the order date (counted from day 0, reg 44),
 * each moved to the next working day when it ends on a day that is not one (HESC Rules 2008 r.12(2)).
 */
export function orderDeadlines(kind: OrderKind, orderDate: IsoDate): OrderDeadline[] {
  const steps = STEPS[kind];
  if (steps === undefined) throw new RangeError(`unknown order kind ${JSON.stringify(kind)}`);
  return steps.map(([step, weeks]) => ({ step, due: tribunalTimeLimitEnd(addWeeks(orderDate, weeks, 'day0')) }));
}
