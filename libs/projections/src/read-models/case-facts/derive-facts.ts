import { daysBetween, representationsEnd, type CalendarSettings } from '#calendar';
import {
  amendedPlanDue,
  firstReviewDue,
  nextReviewDue,
  orderComplianceDue,
  orderFulfilment,
  orderedFinalPlanDue,
  phaseTransferStep,
  requestDeadlines,
  reviewDecisionDue,
  type CaseRecord,
  type PlanRecord,
  type RequestCycle,
} from '#pathway';
import type {
  AnnualReviewFact,
  AppealableDecisionFact,
  CaseFact,
  FactCase,
  IsoDate,
  NewPlanFact,
  TribunalAppealFact,
} from './facts.js';

/** SEN2 cease reasons that are not a decision the family can appeal: transferred to another LA, deceased. */
const NOT_APPEALABLE_CEASE = new Set([5, 8]);

/** The case's breakdown attributes: its latest details, and the source of its latest request. */
export function factCase(record: CaseRecord): FactCase {
  const lastCycle = record.cycles[record.cycles.length - 1];
  return {
    la: record.la,
    caseId: record.caseId,
    birthMonth: record.details.birthMonth ?? null,
    primaryNeed: record.details.primaryNeed ?? null,
    requestSource: record.details.requestSource ?? lastCycle?.requestSource ?? null,
    team: record.details.team ?? null,
  };
}

/**
 * Every fact row of one case, from its effective history (corrections applied, retractions removed). Pure: the
 * projector, a rebuild and an as-of replay all call it, so they agree by construction.
 */
export function deriveFacts(record: CaseRecord, settings: CalendarSettings): CaseFact[] {
  const facts: CaseFact[] = [];
  for (const cycle of record.cycles) facts.push(...cycleFacts(cycle, settings));
  for (const plan of record.plans) facts.push(...planFacts(plan, record, settings));
  for (const appeal of record.appeals) facts.push(appealFact(record, appeal));
  return facts;
}

function cycleFacts(cycle: RequestCycle, settings: CalendarSettings): CaseFact[] {
  const requestDate = cycle.request.on;
  const due = requestDeadlines(requestDate, settings);
  const sixteenWeeks = due.noPlanNotice;
  const facts: CaseFact[] = [
    {
      kind: 'request-decision',
      requestDate,
      dueDate: due.assessmentDecision,
      decisionDate: cycle.assessmentDecision?.on ?? null,
      decision: cycle.assessmentDecision?.decision ?? null,
      withdrawnOn: cycle.withdrawal?.on ?? null,
      closedOn: cycle.closedOn,
      planDecisionDate: cycle.planDecision?.on ?? null,
      sixteenWeekDate: sixteenWeeks,
      twentyWeekDate: due.finalPlan,
    },
  ];
  if (cycle.assessmentDecision?.decision === 'refuse') {
    facts.push(appealable('refusal-to-assess', cycle.assessmentDecision.on));
  }
  if (cycle.planDecision?.decision === 'no-plan') {
    facts.push(
      {
        kind: 'no-plan-notice',
        requestDate,
        dueDate: sixteenWeeks,
        noticeDate: cycle.planDecision.on,
      },
      appealable('no-plan', cycle.planDecision.on),
    );
  }
  return facts;
}

function planFacts(plan: PlanRecord, record: CaseRecord, settings: CalendarSettings): CaseFact[] {
  const facts: CaseFact[] = [newPlanFact(plan, record, settings)];
  if (plan.source !== 'transferred-in') facts.push(appealable('final-plan', plan.issued.on));
  facts.push({
    kind: 'plan',
    heldFrom: plan.issued.on,
    heldUntil: plan.endedOn,
    ceaseReason: plan.ceased?.reason ?? null,
    transferredIn: plan.source === 'transferred-in',
    transferredOut: plan.transferredOut !== null,
    placements: plan.placements.map((p) => ({ from: p.on, setting: p.setting, area: p.area })),
  });
  if (plan.ceased !== null && !NOT_APPEALABLE_CEASE.has(plan.ceased.reason)) {
    facts.push({ ...appealable('cease', plan.ceased.on), ceaseReason: plan.ceased.reason });
  }
  facts.push(...reviewFacts(plan, settings));
  for (const amendment of plan.amendments) {
    const review = amendment.reviewIndex === null ? undefined : plan.reviews[amendment.reviewIndex];
    const dueDate = amendedPlanDue(
      amendment.notice.on,
      amendment.reviewIndex === null ? null : (review?.meeting.on ?? amendment.notice.on),
      settings,
    );
    facts.push({
      kind: 'amendment',
      noticeDate: amendment.notice.on,
      dueDate,
      amendedOn: amendment.amendedPlan?.on ?? null,
    });
    if (amendment.amendedPlan !== null) facts.push(appealable('amended-plan', amendment.amendedPlan.on));
  }
  for (const review of plan.reviews) {
    const step = phaseTransferStep(plan, review);
    if (review.phaseTransfer === null || step === null) continue;
    facts.push({
      kind: 'phase-transfer',
      toPhase: review.phaseTransfer.toPhase,
      transferYear: review.phaseTransfer.transferYear,
      deadline: step.due,
      amendedOn: step.amendedOn,
    });
  }
  return facts;
}

function newPlanFact(plan: PlanRecord, record: CaseRecord, settings: CalendarSettings): NewPlanFact {
  const cycle = plan.cycleIndex === null ? undefined : record.cycles[plan.cycleIndex];
  const requestDate = cycle?.request.on ?? null;
  const draft = cycle?.draftPlan?.on ?? null;
  const common = {
    kind: 'new-plan' as const,
    issuedOn: plan.issued.on,
    requestDate,
    daysTaken: requestDate === null ? null : daysBetween(requestDate, plan.issued.on),
    hasException: (cycle?.exceptions.length ?? 0) > 0,
    draftIssuedOn: draft,
    representationsEnd: draft === null ? null : representationsEnd(draft),
  };
  switch (plan.source) {
    case 'new':
      return {
        ...common,
        cohort: 'new',
        dueDate: requestDate === null ? null : requestDeadlines(requestDate, settings).finalPlan,
      };
    case 'tribunal-ordered': {
      const order = plan.order;
      return {
        ...common,
        cohort: 'tribunal-ordered',
        dueDate: order === null ? null : orderedFinalPlanDue(order.kind, order.on),
      };
    }
    case 'transferred-in':
      return { ...common, cohort: 'transferred-in', dueDate: null, daysTaken: null };
  }
}

/**
 * The annual reviews of a plan: each held review against the date it was due, then the next one due while the plan
 * is held (or one that fell due before it ended and was never held).
 */
function reviewFacts(plan: PlanRecord, settings: CalendarSettings): AnnualReviewFact[] {
  const facts: AnnualReviewFact[] = [];
  let due: IsoDate = firstReviewDue(plan, settings);
  for (const review of plan.reviews) {
    facts.push({
      kind: 'annual-review',
      dueDate: due,
      meetingDate: review.meeting.on,
      decisionDueDate: reviewDecisionDue(review.meeting.on, settings),
      decisionDate: review.decision?.on ?? null,
      decision: review.decision?.decision ?? null,
    });
    due = nextReviewDue(review, settings);
  }
  if (plan.endedOn === null || due < plan.endedOn) {
    facts.push({
      kind: 'annual-review',
      dueDate: due,
      meetingDate: null,
      decisionDueDate: null,
      decisionDate: null,
      decision: null,
    });
  }
  return facts;
}

function appealFact(record: CaseRecord, appeal: CaseRecord['appeals'][number]): TribunalAppealFact {
  const outcome =
    appeal.status === 'decided'
      ? appeal.outcome
      : appeal.status === 'withdrawn' || appeal.status === 'conceded'
        ? appeal.status
        : null;
  return {
    kind: 'tribunal-appeal',
    appealId: appeal.appealId,
    against: appeal.against,
    registeredOn: appeal.registered.on,
    decisionAppealed: appeal.decisionDate,
    outcome,
    outcomeOn: outcome === null ? null : (appeal.closed?.on ?? null),
    orders: appeal.orders.map((order) => {
      return {
        orderId: order.orderId,
        kind: order.kind,
        dueDate: orderComplianceDue(order.kind, order.orderedOn),
        compliedOn: orderFulfilment(record, appeal, order)?.on ?? null,
      };
    }),
  };
}

function appealable(decision: AppealableDecisionFact['decision'], decidedOn: IsoDate): AppealableDecisionFact {
  return { kind: 'appealable-decision', decision, decidedOn, ceaseReason: null };
}
