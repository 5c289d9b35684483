import type { CalendarSettings } from '#calendar';
import { caseWorklist, deriveCase, type CaseState, type PathwayEvent, type WorklistEntry } from '#pathway';
import { deriveFacts, factCase } from '../case-facts/derive-facts.js';
import type { CaseFact, FactCase, FactRow, IsoDate } from '../case-facts/facts.js';

/** A statutory step still to be taken, and by when. */
export interface PendingDeadline {
  readonly step: string;
  readonly due: IsoDate;
}

/** The case clock as stored and served: where the case stands and what falls due next. */
export interface CaseClockView extends FactCase {
  readonly stage: CaseState['stage'];
  readonly nextDeadline: PendingDeadline | null;
  readonly pending: readonly PendingDeadline[];
  /** The case's open obligations from the pathway's deadline model: what at-risk lists. */
  readonly worklist: readonly WorklistEntry[];
  readonly facts: readonly CaseFact[];
  readonly flags: readonly unknown[];
  readonly retractions: readonly unknown[];
}

export interface ProjectedCase {
  readonly clock: CaseClockView;
  readonly facts: readonly FactRow[];
}

/**
 * Folds one case's whole history (every event it recorded, in arrival order) into its clock and fact rows.
 * Corrections and retractions act through the pathway's effective history, so recomputing from the whole history
 * makes every figure reflect them.
 */
export function projectCase(history: readonly PathwayEvent[], settings: CalendarSettings): ProjectedCase | null {
  const state = deriveCase(history);
  if (state.stage === 'new') return null;
  const attributes = factCase(state);
  const facts = deriveFacts(state, settings);
  const pending = pendingDeadlines(facts);
  return {
    clock: {
      ...attributes,
      stage: state.stage,
      nextDeadline: pending[0] ?? null,
      pending,
      worklist: caseWorklist(state, settings),
      facts,
      flags: state.flags,
      retractions: state.retractions,
    },
    facts: facts.map((fact) => ({ ...attributes, fact })),
  };
}

/** Every step the case still owes, soonest first. */
export function pendingDeadlines(facts: readonly CaseFact[]): PendingDeadline[] {
  const pending: PendingDeadline[] = [];
  for (const fact of facts) {
    switch (fact.kind) {
      case 'request-decision':
        if (fact.closedOn !== null) break;
        if (fact.decisionDate === null) pending.push({ step: 'decide-whether-to-assess', due: fact.dueDate });
        else if (fact.decision === 'assess' && fact.planDecisionDate === null) {
          pending.push({ step: 'decide-whether-to-issue', due: fact.sixteenWeekDate });
        } else if (fact.decision === 'assess') pending.push({ step: 'final-plan', due: fact.twentyWeekDate });
        break;
      case 'annual-review':
        if (fact.meetingDate === null) pending.push({ step: 'annual-review', due: fact.dueDate });
        else if (fact.decisionDate === null && fact.decisionDueDate !== null) {
          pending.push({ step: 'review-decision', due: fact.decisionDueDate });
        }
        break;
      case 'amendment':
        if (fact.amendedOn === null) pending.push({ step: 'amended-plan', due: fact.dueDate });
        break;
      case 'phase-transfer':
        if (fact.amendedOn === null) pending.push({ step: 'phase-transfer-amendment', due: fact.deadline });
        break;
      case 'tribunal-appeal':
        for (const order of fact.orders) {
          if (order.compliedOn === null && order.dueDate !== null) {
            pending.push({ step: `tribunal-order:${order.kind}`, due: order.dueDate });
          }
        }
        break;
      case 'no-plan-notice':
      case 'new-plan':
      case 'appealable-decision':
      case 'plan':
        break;
    }
  }
  return pending.sort((a, b) => (a.due === b.due ? a.step.localeCompare(b.step) : a.due < b.due ? -1 : 1));
}
