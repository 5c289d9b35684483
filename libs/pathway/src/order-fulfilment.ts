import type { IsoDate } from './events.js';
import type { AppealRecord, CaseRecord, OrderRecord } from './case-state.js';

/** The fact that met a tribunal order, and when. */
export interface OrderFulfilment {
  readonly on: IsoDate;
  readonly eventId: string;
  /** `complied`: a TribunalOrderComplied fact; otherwise the step the order required, as recorded. */
  readonly by: 'complied' | 'no-plan-notice' | 'final-plan' | 'amended-plan' | 'plan-continued';
}

function earliest(candidates: (OrderFulfilment | null)[]): OrderFulfilment | null {
  let best: OrderFulfilment | null = null;
  for (const c of candidates) if (c !== null && (best === null || c.on < best.on)) best = c;
  return best;
}

/**
 * When a tribunal order was met: by the fact the order requires, without a separate TribunalOrderComplied (which
 * still counts, when it is earlier). SEND Regulations 2014 reg 44(2): an order to assess or re-assess is met by the
 * notice that no plan will be issued or by the final plan; an order to make and maintain a plan by the final plan; an
 * order to amend a plan (or its named school) by the amended plan; an order dismissing an appeal against ceasing a
 * plan requires the plan to continue, which it does from the order. Each fact counts from the order date onwards.
 */
export function orderFulfilment(record: CaseRecord, appeal: AppealRecord, order: OrderRecord): OrderFulfilment | null {
  const after = (on: IsoDate): boolean => on >= order.orderedOn;
  const complied: OrderFulfilment | null = order.complied ? { ...order.complied, by: 'complied' } : null;
  const finalPlans = record.plans
    .filter((p) => p.source !== 'transferred-in' && after(p.issued.on))
    .map((p): OrderFulfilment => ({ ...p.issued, by: 'final-plan' }));
  switch (order.kind) {
    case 'assess':
    case 'reassess': {
      const noPlan = record.cycles
        .map((c) => c.planDecision)
        .filter((d) => d !== null && d.decision === 'no-plan' && after(d.on))
        .map((d): OrderFulfilment => ({ on: d!.on, eventId: d!.eventId, by: 'no-plan-notice' }));
      return earliest([complied, ...noPlan, ...finalPlans]);
    }
    case 'make-and-maintain':
      return earliest([complied, ...finalPlans]);
    case 'amend':
    case 'amend-school': {
      const amended = record.plans
        .flatMap((p) => p.amendments)
        .map((a) => a.amendedPlan)
        .filter((a) => a !== null && after(a.on))
        .map((a): OrderFulfilment => ({ on: a!.on, eventId: a!.eventId, by: 'amended-plan' }));
      return earliest([complied, ...amended]);
    }
    case 'cease-dismissed': {
      const eventId = appeal.closed?.eventId ?? order.complied?.eventId ?? '';
      return earliest([complied, { on: order.orderedOn, eventId, by: 'plan-continued' }]);
    }
  }
}
