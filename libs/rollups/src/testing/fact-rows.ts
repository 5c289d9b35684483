import type {
  AnnualReviewFact,
  CaseFact,
  FactRow,
  NewPlanFact,
  PlanFact,
  RequestDecisionFact,
  TribunalAppealFact,
} from '#projections';
import { addDays } from '#calendar';

/** Fact rows as the case clocks derive them, for the pure rollup specs. */
export function row(caseId: string, fact: CaseFact): FactRow {
  return { la: '900', caseId, birthMonth: '2015-01', primaryNeed: 'ASD', requestSource: 'school', team: 'north', fact };
}

export function request(
  requestDate: string,
  outcome: { decisionDate?: string; decision?: 'assess' | 'refuse'; closedOn?: string; planDecisionDate?: string } = {},
): RequestDecisionFact {
  return {
    kind: 'request-decision',
    requestDate,
    dueDate: addDays(requestDate, 42),
    decisionDate: outcome.decisionDate ?? null,
    decision: outcome.decision ?? (outcome.decisionDate === undefined ? null : 'assess'),
    withdrawnOn: null,
    closedOn: outcome.closedOn ?? (outcome.decision === 'refuse' ? (outcome.decisionDate ?? null) : null),
    planDecisionDate: outcome.planDecisionDate ?? null,
    sixteenWeekDate: addDays(requestDate, 112),
    twentyWeekDate: addDays(requestDate, 140),
  };
}

export function newPlan(requestDate: string, issuedOn: string, hasException = false): NewPlanFact {
  return {
    kind: 'new-plan',
    cohort: 'new',
    issuedOn,
    requestDate,
    dueDate: addDays(requestDate, 140),
    daysTaken: Math.round((Date.parse(issuedOn) - Date.parse(requestDate)) / 86_400_000),
    hasException,
    draftIssuedOn: null,
    representationsEnd: null,
  };
}

export function plan(heldFrom: string, heldUntil: string | null = null): PlanFact {
  return { kind: 'plan', heldFrom, heldUntil, ceaseReason: null, transferredIn: false, transferredOut: false };
}

export function review(dueDate: string, meetingDate: string | null = null): AnnualReviewFact {
  return {
    kind: 'annual-review',
    dueDate,
    meetingDate,
    decisionDueDate: meetingDate === null ? null : addDays(meetingDate, 28),
    decisionDate: null,
    decision: null,
  };
}

export function appeal(registeredOn: string): TribunalAppealFact {
  return {
    kind: 'tribunal-appeal',
    appealId: `appeal-${registeredOn}`,
    against: 'refusal-to-assess',
    registeredOn,
    decisionAppealed: null,
    outcome: null,
    outcomeOn: null,
    orders: [],
  };
}
