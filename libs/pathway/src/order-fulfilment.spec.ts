import { describe, expect, it } from '@jest/globals';
import { caseClock } from './clock.js';
import { facts } from './testing/builders.js';

const refused = [
  facts.requested('2024-01-08'),
  facts.refusedToAssess('2024-02-16'),
  facts.appealRegistered('2024-03-20', 'A1', '2024-02-16'),
];
const plan = [facts.requested('2023-01-09'), facts.decidedToAssess('2023-02-01'), facts.final('2023-05-01')];

function order(events: Parameters<typeof caseClock>[0], asOf = '2025-06-30') {
  return caseClock(events, asOf).appeals[0]!.orders[0]!;
}

describe('a tribunal order is met by the fact it orders (reg 44), with no TribunalOrderComplied', () => {
  it('an order to assess: by the final plan of the reopened request', () => {
    const ordered = [...refused, facts.appealDecided('2024-07-01', 'A1', [{ orderId: 'O1', kind: 'assess' }])];
    expect(order(ordered, '2024-09-01').compliance.status).toBe('due');
    const met = order([...ordered, facts.decidedToAssess('2024-07-10'), facts.final('2024-09-20')]);
    expect(met.compliance).toMatchObject({ due: '2024-10-07', done: '2024-09-20', status: 'on-time' });
    expect(met.metBy).toMatchObject({ on: '2024-09-20', by: 'final-plan' });
    expect(caseClock([...ordered, facts.final('2024-09-20')], '2025-06-30').pending).toEqual([
      expect.objectContaining({ kind: 'annual-review' }),
    ]);
  });

  it('an order to assess: by the notice that no plan will be issued', () => {
    const met = order([
      ...refused,
      facts.appealDecided('2024-07-01', 'A1', [{ orderId: 'O1', kind: 'assess' }]),
      facts.decidedToAssess('2024-07-10'),
      facts.noPlan('2024-10-20'),
    ]);
    expect(met.metBy).toMatchObject({ on: '2024-10-20', by: 'no-plan-notice' });
    expect(met.compliance.status).toBe('late'); // the last reg 44 deadline was 7 October
  });

  it('an order to make and maintain a plan: by the final plan', () => {
    const met = order([
      ...refused,
      facts.appealDecided('2024-07-01', 'A1', [{ orderId: 'O1', kind: 'make-and-maintain' }]),
      facts.draft('2024-07-25'),
      facts.final('2024-09-02'),
    ]);
    expect(met.compliance).toMatchObject({ due: '2024-09-16', done: '2024-09-02', status: 'on-time' });
  });

  it('an order to amend: by the amended plan issued after the order, not one before it', () => {
    const appeal = [facts.appealRegistered('2023-06-01', 'A1', '2023-05-01', 'plan-contents')];
    const before = [facts.amendmentNotice('2023-06-10'), facts.amendedPlan('2023-07-01')];
    const decided = facts.appealDecided('2023-11-01', 'A1', [{ orderId: 'O1', kind: 'amend' }]);
    expect(order([...plan, ...appeal, ...before, decided], '2024-01-01').compliance.status).toBe('overdue');
    const met = order([
      ...plan,
      ...appeal,
      ...before,
      decided,
      facts.amendmentNotice('2023-11-02'),
      facts.amendedPlan('2023-11-30'),
    ]);
    expect(met.compliance).toMatchObject({ due: '2023-12-06', done: '2023-11-30', status: 'on-time' });
    expect(met.metBy?.by).toBe('amended-plan');
  });

  it('an order dismissing a cease appeal: the plan continues from the order', () => {
    const met = order([
      ...plan,
      facts.ceased('2024-03-01', 7),
      facts.appealRegistered('2024-03-20', 'A1', '2024-03-01', 'cease'),
      facts.appealDecided('2024-07-01', 'A1', [{ orderId: 'O1', kind: 'cease-dismissed' }]),
    ]);
    expect(met.compliance).toMatchObject({ due: '2024-07-01', done: '2024-07-01', status: 'on-time' });
  });

  it('keeps an earlier TribunalOrderComplied', () => {
    const met = order([
      ...refused,
      facts.appealDecided('2024-07-01', 'A1', [{ orderId: 'O1', kind: 'make-and-maintain' }]),
      facts.orderComplied('2024-08-01', 'A1', 'O1'),
      facts.final('2024-09-02'),
    ]);
    expect(met.metBy).toMatchObject({ on: '2024-08-01', by: 'complied' });
  });
});
