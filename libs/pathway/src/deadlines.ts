import {
  addWeeks,
  minDate,
  orderDeadlines,
  phaseTransferDeadline,
  post16TransferDeadline,
  reviewDueDate,
  transferInDeadlines,
  type CalendarSettings,
} from '#calendar';
import type { IsoDate, OrderKind } from './events.js';
import type { AnnualReviewRecord, PlanRecord } from './case-state.js';

/**
 * Every statutory due date, computed once from a case's records and the settings: the case's clock and the read
 * model's fact rows both call these, so they cannot disagree.
 */

/** From the request: decide whether to assess (reg 5(1)), the no-plan notice (reg 10(1)), the final plan (reg 13(2)). */
export function requestDeadlines(
  requestOn: IsoDate,
  settings: CalendarSettings,
): { assessmentDecision: IsoDate; noPlanNotice: IsoDate; finalPlan: IsoDate } {
  return {
    assessmentDecision: addWeeks(requestOn, 6, settings.countFrom),
    noPlanNotice: addWeeks(requestOn, 16, settings.countFrom),
    finalPlan: addWeeks(requestOn, 20, settings.countFrom),
  };
}

/** The review decision: within 4 weeks of the meeting (reg 20(10)). */
export function reviewDecisionDue(meetingOn: IsoDate, settings: CalendarSettings): IsoDate {
  return addWeeks(meetingOn, 4, settings.countFrom);
}

/**
 * The amended plan: within 8 weeks of the amendment notice (reg 22(3)), and after a review no later than 12 weeks
 * from the meeting (R (L, M, P) v Devon County Council [2022] EWHC 2393 (Admin)).
 */
export function amendedPlanDue(noticeOn: IsoDate, meetingOn: IsoDate | null, settings: CalendarSettings): IsoDate {
  const eightWeeks = addWeeks(noticeOn, 8, settings.countFrom);
  return meetingOn === null ? eightWeeks : minDate(eightWeeks, amendedPlanLatest(meetingOn, settings));
}

/** After a review that decides to amend, the latest the amended plan may be issued: meeting + 12 weeks (Devon). */
export function amendedPlanLatest(meetingOn: IsoDate, settings: CalendarSettings): IsoDate {
  return addWeeks(meetingOn, 12, settings.countFrom);
}

/** The first annual review: 12 months from issue (CFA 2014 s.44), or for a plan transferred in the reg 15 date. */
export function firstReviewDue(plan: PlanRecord, settings: CalendarSettings): IsoDate {
  if (plan.transferredIn) {
    return transferInDeadlines({
      transferDate: plan.transferredIn.on,
      ...(plan.transferredIn.lastReviewDate ? { lastReviewDate: plan.transferredIn.lastReviewDate } : {}),
      rule: settings.reviewDue,
    }).reviewBy;
  }
  return reviewDueDate(plan.issued.on, settings.reviewDue);
}

/** The date the next review's 12 months run from after `review`: its meeting, or its decision (`nextReviewFrom`). */
export function nextReviewCountedFrom(review: AnnualReviewRecord, settings: CalendarSettings): IsoDate {
  return settings.nextReviewFrom === 'decision' ? (review.decision?.on ?? review.meeting.on) : review.meeting.on;
}

/** The review due after `review` (s.44: within 12 months of the previous review). */
export function nextReviewDue(review: AnnualReviewRecord, settings: CalendarSettings): IsoDate {
  return reviewDueDate(nextReviewCountedFrom(review, settings), settings.reviewDue);
}

/**
 * A phase transfer review: the last day to amend the plan, and the amended plan that met it, if any. Between phases,
 * before 15 February, or 31 March from secondary school to post-16 (reg 18(1)); from one post-16 institution to
 * another, at least five months before the transfer (reg 18(2)).
 */
export function phaseTransferStep(
  plan: PlanRecord,
  review: AnnualReviewRecord,
): { due: IsoDate; amendedOn: IsoDate | null } | null {
  const transfer = review.phaseTransfer;
  if (transfer === null) return null;
  const amendment = plan.amendments.find((a) => a.reviewIndex === review.index);
  const { fromPhase, transferOn } = transfer;
  return {
    due:
      fromPhase === 'post-16' && transferOn !== undefined
        ? post16TransferDeadline(transferOn)
        : phaseTransferDeadline(transfer.transferYear, transfer.toPhase),
    amendedOn: amendment?.amendedPlan?.on ?? null,
  };
}

/**
 * The day the transfer a phase-transfer review prepares for takes place, or is taken to (the end of its calendar
 * year): after it, amending the plan *before* the transfer can no longer be done.
 */
export function phaseTransferTakesPlace(review: AnnualReviewRecord): IsoDate | null {
  const transfer = review.phaseTransfer;
  if (transfer === null) return null;
  return transfer.transferOn ?? `${transfer.transferYear}-12-31`;
}

/**
 * A transferred-in plan's notice to the family: within 6 weeks of the transfer the new LA says the plan has been
 * transferred, whether it proposes to assess, and when it will review (SEND Regulations 2014 reg 15(4)).
 */
export function transferNotificationDue(plan: PlanRecord): IsoDate | null {
  if (plan.transferredIn === null) return null;
  return transferInDeadlines({ transferDate: plan.transferredIn.on }).notifyBy;
}

/** The last reg 44 deadline of a tribunal order, by which it is complied with. */
export function orderComplianceDue(kind: OrderKind, orderedOn: IsoDate): IsoDate {
  return orderDeadlines(kind, orderedOn).reduce((latest, d) => (d.due > latest ? d.due : latest), orderedOn);
}

/** A plan made under a tribunal order: its final plan deadline under reg 44, or null. */
export function orderedFinalPlanDue(kind: OrderKind, orderedOn: IsoDate): IsoDate | null {
  return orderDeadlines(kind, orderedOn).find((d) => d.step === 'final-plan')?.due ?? null;
}
