import type { IsoDate } from '#calendar';
import { heldOn } from '#kpis';
import type { AnnualReviewFact, CaseFact } from '#projections';

const by = (date: IsoDate) => (value: IsoDate | null) => (value !== null && value <= date ? value : null);

/**
 * One case's facts as they stood at the end of `date`, for its pending deadlines on that day: steps taken after
 * the date are not taken yet, and what had not begun by then (a later request, an appeal registered later, an
 * order not yet made, the review cycle after one held later) is left out. The facts are the case's effective
 * history as known now, so corrections and late-recorded facts count, by their business dates.
 *
 * A phase transfer's start is not among its dates; it is kept while a plan is held on the date.
 */
export function factsOn(facts: readonly CaseFact[], date: IsoDate): CaseFact[] {
  const known = by(date);
  const planHeld = facts.some((fact) => fact.kind === 'plan' && heldOn(fact, date));
  // Only the earliest review not held by the date was owed then; later cycles start from its meeting.
  const reviewsOwed = facts
    .filter((fact): fact is AnnualReviewFact => fact.kind === 'annual-review' && known(fact.meetingDate) === null)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const owedReview = planHeld ? reviewsOwed[0] : undefined;

  const result: CaseFact[] = [];
  for (const fact of facts) {
    switch (fact.kind) {
      case 'request-decision': {
        if (fact.requestDate > date) break;
        const decisionDate = known(fact.decisionDate);
        result.push({
          ...fact,
          decisionDate,
          decision: decisionDate === null ? null : fact.decision,
          withdrawnOn: known(fact.withdrawnOn),
          closedOn: known(fact.closedOn),
          planDecisionDate: known(fact.planDecisionDate),
        });
        break;
      }
      case 'annual-review': {
        const meetingDate = known(fact.meetingDate);
        if (meetingDate === null) {
          if (fact === owedReview)
            result.push({ ...fact, meetingDate: null, decisionDueDate: null, decisionDate: null, decision: null });
          break;
        }
        const decisionDate = known(fact.decisionDate);
        result.push({ ...fact, meetingDate, decisionDate, decision: decisionDate === null ? null : fact.decision });
        break;
      }
      case 'amendment':
        if (fact.noticeDate <= date) result.push({ ...fact, amendedOn: known(fact.amendedOn) });
        break;
      case 'phase-transfer':
        if (planHeld) result.push({ ...fact, amendedOn: known(fact.amendedOn) });
        break;
      case 'tribunal-appeal': {
        if (fact.registeredOn > date) break;
        const outcomeOn = known(fact.outcomeOn);
        result.push({
          ...fact,
          outcomeOn,
          outcome: outcomeOn === null ? null : fact.outcome,
          orders:
            outcomeOn === null ? [] : fact.orders.map((order) => ({ ...order, compliedOn: known(order.compliedOn) })),
        });
        break;
      }
      case 'no-plan-notice':
      case 'new-plan':
      case 'appealable-decision':
      case 'plan':
        result.push(fact);
        break;
    }
  }
  return result;
}
