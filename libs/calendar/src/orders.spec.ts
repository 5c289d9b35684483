import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, compareDates, daysBetween } from './dates.js';
import { orderDeadlines, type OrderKind } from './orders.js';
import { arbitraryDate } from './testing/arbitraries.js';
import { isWorkingDay } from './working-days.js';

describe('orderDeadlines (reg 44)', () => {
  const order = '2024-01-08';

  it('gives an order to assess 2 weeks to notify, 10 weeks for a no-plan notice and 14 weeks for the final plan', () => {
    expect(orderDeadlines('assess', order)).toEqual([
      { step: 'notify-decision', due: '2024-01-22' },
      { step: 'no-plan-notice', due: '2024-03-18' },
      { step: 'final-plan', due: '2024-04-15' },
    ]);
  });

  it('gives an order to re-assess the same deadlines', () => {
    expect(orderDeadlines('reassess', order)).toEqual(orderDeadlines('assess', order));
  });

  it('gives an order to make and maintain a plan 5 weeks for the draft and 11 weeks for the final plan', () => {
    expect(orderDeadlines('make-and-maintain', order)).toEqual([
      { step: 'draft-plan', due: '2024-02-12' },
      { step: 'final-plan', due: '2024-03-25' },
    ]);
  });

  it('gives an order to amend 5 weeks, and an order to change the named school 2 weeks', () => {
    expect(orderDeadlines('amend', order)).toEqual([{ step: 'amend-plan', due: '2024-02-12' }]);
    expect(orderDeadlines('amend-school', order)).toEqual([{ step: 'amend-school', due: '2024-01-22' }]);
  });

  it('continues the plan immediately when an appeal against ceasing it is dismissed', () => {
    expect(orderDeadlines('cease-dismissed', order)).toEqual([{ step: 'continue-plan', due: order }]);
  });

  it('rejects an unknown kind of order and an invalid date', () => {
    expect(() => orderDeadlines('apologise' as OrderKind, order)).toThrow('unknown order kind "apologise"');
    expect(() => orderDeadlines('assess', '2024-02-30')).toThrow(/Invalid ISO date/);
  });

  it('moves a deadline that ends on a non-working day to the next working day (HESC r.12(2))', () => {
    // Ordered Friday 15 March 2024: 2 weeks end on Good Friday 29 March, then a weekend and Easter Monday.
    expect(orderDeadlines('amend-school', '2024-03-15')).toEqual([{ step: 'amend-school', due: '2024-04-02' }]);
    // Ordered Saturday 23 March: immediately is the next working day; 5 weeks from 20 April end on Saturday 25 May,
    // then the spring bank holiday.
    expect(orderDeadlines('cease-dismissed', '2024-03-23')).toEqual([{ step: 'continue-plan', due: '2024-03-25' }]);
    expect(orderDeadlines('amend', '2024-04-20')).toEqual([{ step: 'amend-plan', due: '2024-05-28' }]);
  });

  it('ends each step on the first working day on or after whole calendar weeks from the order date', () => {
    const weeks: Record<OrderKind, number[]> = {
      assess: [2, 10, 14],
      reassess: [2, 10, 14],
      'make-and-maintain': [5, 11],
      amend: [5],
      'amend-school': [2],
      'cease-dismissed': [0],
    };
    fc.assert(
      fc.property(arbitraryDate(), fc.constantFrom(...(Object.keys(weeks) as OrderKind[])), (d, kind) => {
        const deadlines = orderDeadlines(kind, d);
        expect(deadlines).toHaveLength(weeks[kind].length);
        deadlines.forEach(({ due }, i) => {
          const weeksEnd = addDays(d, weeks[kind][i]! * 7);
          expect(isWorkingDay(due)).toBe(true);
          expect(daysBetween(weeksEnd, due)).toBeGreaterThanOrEqual(0);
          for (let day = weeksEnd; compareDates(day, due) < 0; day = addDays(day, 1)) {
            expect(isWorkingDay(day)).toBe(false);
          }
        });
      }),
    );
  });
});
