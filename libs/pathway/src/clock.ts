import {
  DEFAULT_CALENDAR_SETTINGS,
  addWeeks,
  appealDeadline,
  daysBetween,
  orderDeadlines,
  representationsEnd,
  transferInDeadlines,
  type CalendarSettings,
  type OrderStep,
} from '#calendar';
import type {
  AppealGround,
  AppealOutcome,
  CeaseReason,
  IsoDate,
  OrderKind,
  PathwayEvent,
  Phase,
  RequestSource,
  ReviewDecision,
} from './events.js';
import type {
  AppealRecord,
  AppealStatus,
  CaseDetails,
  CaseRecord,
  CaseStage,
  CaseState,
  CycleOutcome,
  CycleStage,
  OrderReference,
  PlanRecord,
  PlanSource,
  PlanStatus,
  RequestCycle,
  TimescaleException,
} from './case-state.js';
import { deriveCase } from './derive.js';
import {
  amendedPlanDue,
  amendedPlanLatest,
  firstReviewDue,
  nextReviewCountedFrom,
  nextReviewDue as reviewDueAfter,
  orderComplianceDue,
  phaseTransferStep,
  phaseTransferTakesPlace,
  reviewDecisionDue,
  requestDeadlines,
  transferNotificationDue,
} from './deadlines.js';
import { orderFulfilment, type OrderFulfilment } from './order-fulfilment.js';
import { appealWindows, type AppealWindowClock } from './appeal-windows.js';
import type { DataQualityFlag } from './flags.js';
import type { RetractionRecord } from './timeline.js';

/**
 * A case's statutory clock at a date: every due date, whether each step was on time, is late or overdue, the
 * exceptions, the tribunal deadlines and the data-quality flags. A plain JSON-able object: projections store it.
 */

/** `on-time`: done on or before its due date ("within N weeks" includes the last day). `late`: done after it.
 * `overdue`: not done and the due date has passed at `asOf`. `due`: not done, not yet past due.
 * `not-applicable`: the step does not arise (a refused request has no final plan). */
export type StepStatus = 'on-time' | 'late' | 'overdue' | 'due' | 'not-applicable';

export interface ClockStep {
  readonly due: IsoDate | null;
  readonly done: IsoDate | null;
  readonly status: StepStatus;
  /** Days from the start of the step's clock to when it was done, or to `asOf` while pending. */
  readonly daysTaken: number | null;
  /** daysTaken / 7, to one decimal. */
  readonly weeksTaken: number | null;
  /** Days past the due date: when done late, or to `asOf` while overdue; 0 otherwise. */
  readonly daysLate: number | null;
}

export interface AdviceClock {
  readonly adviceFrom: string;
  readonly requestedOn: IsoDate | null;
  /** Advice is due 6 weeks from being asked (reg 8). */
  readonly advice: ClockStep;
}

export interface DraftPlanClock {
  readonly issuedOn: IsoDate | null;
  /** The last day of the 15 days for representations (served + 14). */
  readonly representationsEnd: IsoDate | null;
  /** True when the final plan was issued on or before the last day for representations. */
  readonly breach: boolean | null;
}

export interface CycleClock {
  readonly index: number;
  readonly requestedOn: IsoDate;
  readonly requestEventId: string;
  readonly requestSource: RequestSource;
  readonly outcome: CycleOutcome;
  readonly stage: CycleStage | null;
  readonly closedOn: IsoDate | null;
  readonly withdrawn: boolean;
  readonly withdrawnOn: IsoDate | null;
  /** Decide whether to assess by R + 6 weeks (reg 5(1)). */
  readonly assessmentDecision: ClockStep & { readonly decision: 'assess' | 'refuse' | null };
  readonly planDecision: { readonly decision: 'issue' | 'no-plan'; readonly on: IsoDate } | null;
  /** Notice that no plan will be issued by R + 16 weeks (reg 10(1)). */
  readonly noPlanNotice: ClockStep;
  readonly draftPlan: DraftPlanClock;
  /** The final plan by R + 20 weeks (reg 13(2)). Not applicable when a tribunal order reopened the request. */
  readonly finalPlan: ClockStep;
  readonly exceptions: TimescaleException[];
  /** Any exception recorded: SEN2 "Week20 = 1". */
  readonly exceptionApplies: boolean;
  /** Final plan within 20 weeks, every plan counted; null with no final plan. */
  readonly within20WeeksIncludingExceptions: boolean | null;
  /** The same with exception cases left out: null when an exception applies. */
  readonly within20WeeksExcludingExceptions: boolean | null;
  readonly advice: AdviceClock[];
  readonly reopenedBy: OrderReference | null;
}

export interface PhaseTransferClock extends ClockStep {
  readonly toPhase: Phase;
  readonly transferYear: number;
  readonly fromPhase: Phase | null;
  readonly transferOn: IsoDate | null;
  /** The day the transfer takes place (or the end of its year): the last day the amendment can come before it. */
  readonly takesPlace: IsoDate;
}

export interface ReviewClock {
  readonly index: number;
  /** The date the 12 months run from: the plan's issue, or the previous review. */
  readonly countedFrom: IsoDate;
  /** The meeting, due within 12 months (s.44 CFA; `reviewDue` setting). done = the meeting date. */
  readonly meeting: ClockStep;
  /** The decision, due meeting + 4 weeks (reg 20(10)). */
  readonly decision: ClockStep & { readonly decision: ReviewDecision | null };
  readonly amendmentNoticeOn: IsoDate | null;
  /** The amended plan: notice + 8 weeks, and no later than meeting + 12 weeks (reg 22; R (L, M, P) v Devon 2022). */
  readonly amendedPlan: ClockStep;
  /** Reviewed and amended before a move between phases (reg 18). */
  readonly phaseTransfer: PhaseTransferClock | null;
}

export interface AmendmentClock {
  readonly index: number;
  readonly reviewIndex: number | null;
  readonly noticeOn: IsoDate;
  readonly amendedPlan: ClockStep;
}

export interface PlanClock {
  readonly index: number;
  readonly issuedOn: IsoDate;
  readonly source: PlanSource;
  readonly cycleIndex: number | null;
  readonly order: OrderReference | null;
  readonly status: PlanStatus;
  readonly endedOn: IsoDate | null;
  /** Reviews held, then the next one due (its meeting not done) while the plan is in force. */
  readonly reviews: ReviewClock[];
  readonly nextReviewDue: IsoDate | null;
  readonly amendments: AmendmentClock[];
  readonly ceased: { readonly on: IsoDate; readonly reason: CeaseReason } | null;
  /** Reg 15: the new LA notifies within 6 weeks and reviews by the later of 12 months from the last review and
   * transfer + 3 months. */
  readonly transferredIn: {
    readonly on: IsoDate;
    readonly fromLa: string;
    readonly lastReviewDate: IsoDate | null;
    readonly notifyBy: IsoDate;
    readonly reviewBy: IsoDate;
    /** The notice to the family, due 6 weeks from the transfer (reg 15(4)); done = the notice's date. */
    readonly notification: ClockStep;
    /** What the notice said: whether the new LA proposes to assess (reg 15(4)(b)); null before it is recorded. */
    readonly assessmentProposed: boolean | null;
  } | null;
  readonly transferredOut: { readonly on: IsoDate; readonly toLa: string | null } | null;
}

export interface OrderClock {
  readonly orderId: string;
  readonly kind: OrderKind;
  readonly orderedOn: IsoDate;
  /** Reg 44 deadlines for each step of the order. */
  readonly deadlines: { readonly step: OrderStep; readonly due: IsoDate }[];
  /** Compliance, due by the order's last deadline: done when the fact the order requires is recorded. */
  readonly compliance: ClockStep;
  /** The fact that met the order (or a TribunalOrderComplied), or null while it is not met. */
  readonly metBy: OrderFulfilment | null;
}

export interface AppealClock {
  readonly appealId: string;
  readonly against: AppealGround;
  readonly decisionDate: IsoDate;
  readonly mediationCertificateOn: IsoDate | null;
  /** The last day to register: later of decision + 2 months and certificate + 1 month, moved out of Christmas and
   * August. */
  readonly appealDeadline: IsoDate;
  readonly registeredOn: IsoDate;
  readonly registeredInTime: boolean;
  readonly status: AppealStatus;
  readonly closedOn: IsoDate | null;
  readonly outcome: AppealOutcome | null;
  readonly orders: OrderClock[];
}

export const DEADLINE_KINDS = [
  'assessment-decision',
  'no-plan-notice',
  'final-plan',
  'annual-review',
  'review-decision',
  'amended-plan',
  'phase-transfer',
  'tribunal-order',
  'transfer-notification',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** A statutory deadline the LA has not met yet. */
export interface PendingDeadline {
  readonly kind: DeadlineKind;
  readonly due: IsoDate;
  readonly overdue: boolean;
  /** Which cycle, plan, review, amendment or order: `cycle-0`, `plan-0/review-1`, `appeal-A1/order-O1`... */
  readonly ref: string;
  /** The last day the step can still be taken (a phase transfer: the transfer itself), or null. */
  readonly until: IsoDate | null;
}

/**
 * A step never taken that can no longer be: closed with its outcome rather than left pending. `next-review-held`: a
 * later review meeting was held (the plan was reviewed again, so the earlier review's decision, amendment or phase
 * transfer is overtaken); `transfer-took-place`: the transfer a phase-transfer review prepared for has happened.
 */
export interface SupersededDeadline {
  readonly kind: DeadlineKind;
  readonly due: IsoDate;
  readonly ref: string;
  readonly closedOn: IsoDate;
  readonly outcome: 'next-review-held' | 'transfer-took-place';
}

export interface CaseClock {
  readonly la: string | null;
  readonly caseId: string | null;
  readonly asOf: IsoDate;
  readonly settings: CalendarSettings;
  readonly stage: CaseStage;
  readonly details: CaseDetails;
  readonly cycles: CycleClock[];
  readonly plans: PlanClock[];
  /** The latest plan (in force or ended), or null. */
  readonly plan: PlanClock | null;
  readonly appeals: AppealClock[];
  /** The window to appeal each appealable decision, from the decision itself (registered or not). */
  readonly appealWindows: AppealWindowClock[];
  /** Every deadline not yet met that can still be, earliest first (overdue ones included). */
  readonly pending: PendingDeadline[];
  /** Deadlines never met that can no longer be, with the fact or date that closed each. */
  readonly superseded: SupersededDeadline[];
  /** The earliest pending deadline: the case's place on the at-risk list. */
  readonly nextDeadline: PendingDeadline | null;
  readonly flags: DataQualityFlag[];
  readonly retractions: RetractionRecord[];
}

function weeks(days: number): number {
  return Math.round((days / 7) * 10) / 10;
}

const NOT_APPLICABLE: ClockStep = {
  due: null,
  done: null,
  status: 'not-applicable',
  daysTaken: null,
  weeksTaken: null,
  daysLate: null,
};

function notApplicable(due: IsoDate | null, done: IsoDate | null = null): ClockStep {
  return { ...NOT_APPLICABLE, due, done };
}

/** A step's status from when its clock started, its due date, when (if) it was done, and the date we look from. */
export function clockStep(start: IsoDate, due: IsoDate, done: IsoDate | null, asOf: IsoDate): ClockStep {
  const end = done ?? asOf;
  const daysTaken = daysBetween(start, end);
  const past = daysBetween(due, end);
  const status: StepStatus = done ? (past <= 0 ? 'on-time' : 'late') : past > 0 ? 'overdue' : 'due';
  return { due, done, status, daysTaken, weeksTaken: weeks(daysTaken), daysLate: Math.max(0, past) };
}

function cycleClock(cycle: RequestCycle, asOf: IsoDate, settings: CalendarSettings): CycleClock {
  const r = cycle.request.on;
  const deadlines = requestDeadlines(r, settings);
  const laterStep = cycle.planDecision ?? cycle.draftPlan ?? cycle.finalPlan ?? cycle.reopenedBy;
  const decisionDue = deadlines.assessmentDecision;
  const assessmentDecision = cycle.assessmentDecision
    ? clockStep(r, decisionDue, cycle.assessmentDecision.on, asOf)
    : cycle.withdrawal || laterStep
      ? notApplicable(decisionDue)
      : clockStep(r, decisionDue, null, asOf);

  const noPlanDue = deadlines.noPlanNotice;
  const awaitingPlanDecision = cycle.stage === 'assessing' && cycle.planDecision === null && cycle.reopenedBy === null;
  const noPlanNotice =
    cycle.planDecision?.decision === 'no-plan'
      ? clockStep(r, noPlanDue, cycle.planDecision.on, asOf)
      : awaitingPlanDecision
        ? clockStep(r, noPlanDue, null, asOf)
        : notApplicable(noPlanDue);

  const finalDue = deadlines.finalPlan;
  const finalOn = cycle.finalPlan?.on ?? null;
  const measured = cycle.reopenedBy === null && (cycle.outcome === 'open' || cycle.outcome === 'plan-issued');
  const finalPlan = measured ? clockStep(r, finalDue, finalOn, asOf) : notApplicable(finalDue, finalOn);
  const exceptionApplies = cycle.exceptions.length > 0;
  const including = finalOn !== null && cycle.reopenedBy === null ? finalOn <= finalDue : null;

  const draftEnd = cycle.draftPlan ? representationsEnd(cycle.draftPlan.on) : null;
  return {
    index: cycle.index,
    requestedOn: r,
    requestEventId: cycle.request.eventId,
    requestSource: cycle.requestSource,
    outcome: cycle.outcome,
    stage: cycle.stage,
    closedOn: cycle.closedOn,
    withdrawn: cycle.withdrawal !== null,
    withdrawnOn: cycle.withdrawal?.on ?? null,
    assessmentDecision: { ...assessmentDecision, decision: cycle.assessmentDecision?.decision ?? null },
    planDecision: cycle.planDecision ? { decision: cycle.planDecision.decision, on: cycle.planDecision.on } : null,
    noPlanNotice,
    draftPlan: {
      issuedOn: cycle.draftPlan?.on ?? null,
      representationsEnd: draftEnd,
      breach: draftEnd !== null && finalOn !== null ? finalOn <= draftEnd : null,
    },
    finalPlan,
    exceptions: cycle.exceptions,
    exceptionApplies,
    within20WeeksIncludingExceptions: including,
    within20WeeksExcludingExceptions: exceptionApplies ? null : including,
    advice: cycle.advice.map((a) => ({
      adviceFrom: a.adviceFrom,
      requestedOn: a.requested?.on ?? null,
      advice: a.requested
        ? clockStep(a.requested.on, addWeeks(a.requested.on, 6, settings.countFrom), a.received?.on ?? null, asOf)
        : notApplicable(null, a.received?.on ?? null),
    })),
    reopenedBy: cycle.reopenedBy,
  };
}

/** A pending step of a plan counts only while the plan is in force, or if it fell due before the plan ended. */
function planStep(plan: PlanRecord, start: IsoDate, due: IsoDate, done: IsoDate | null, asOf: IsoDate): ClockStep {
  if (done === null && plan.endedOn !== null && plan.endedOn <= due) return notApplicable(due);
  return clockStep(start, due, done, asOf);
}

function planClock(plan: PlanRecord, asOf: IsoDate, settings: CalendarSettings): PlanClock {
  const transfer = plan.transferredIn
    ? {
        on: plan.transferredIn.on,
        fromLa: plan.transferredIn.fromLa,
        lastReviewDate: plan.transferredIn.lastReviewDate,
        ...transferInDeadlines({
          transferDate: plan.transferredIn.on,
          ...(plan.transferredIn.lastReviewDate ? { lastReviewDate: plan.transferredIn.lastReviewDate } : {}),
          rule: settings.reviewDue,
        }),
        notification: planStep(
          plan,
          plan.transferredIn.on,
          transferNotificationDue(plan)!,
          plan.transferNotified?.on ?? null,
          asOf,
        ),
        assessmentProposed: plan.transferNotified?.assessmentProposed ?? null,
      }
    : null;
  const reviews: ReviewClock[] = [];
  let countedFrom = plan.issued.on;
  let due = firstReviewDue(plan, settings);
  for (const review of plan.reviews) {
    const meetingOn = review.meeting.on;
    const amendment = plan.amendments.find((a) => a.reviewIndex === review.index) ?? null;
    const decisionDue = reviewDecisionDue(meetingOn, settings);
    const decision = planStep(plan, meetingOn, decisionDue, review.decision?.on ?? null, asOf);
    const amends = amendment !== null || review.decision?.decision === 'amend';
    const amendedDue = amendment
      ? amendedPlanDue(amendment.notice.on, meetingOn, settings)
      : amendedPlanLatest(meetingOn, settings);
    const amendedOn = amendment?.amendedPlan?.on ?? null;
    const amendedPlan = amends
      ? planStep(plan, amendment?.notice.on ?? meetingOn, amendedDue, amendedOn, asOf)
      : notApplicable(null);
    const transferStep = phaseTransferStep(plan, review);
    reviews.push({
      index: review.index,
      countedFrom,
      meeting: clockStep(countedFrom, due, meetingOn, asOf),
      decision: { ...decision, decision: review.decision?.decision ?? null },
      amendmentNoticeOn: amendment?.notice.on ?? null,
      amendedPlan,
      phaseTransfer:
        review.phaseTransfer && transferStep
          ? {
              ...planStep(plan, meetingOn, transferStep.due, transferStep.amendedOn, asOf),
              toPhase: review.phaseTransfer.toPhase,
              transferYear: review.phaseTransfer.transferYear,
              fromPhase: review.phaseTransfer.fromPhase ?? null,
              transferOn: review.phaseTransfer.transferOn ?? null,
              takesPlace: phaseTransferTakesPlace(review)!,
            }
          : null,
    });
    countedFrom = nextReviewCountedFrom(review, settings);
    due = reviewDueAfter(review, settings);
  }
  const upcoming = planStep(plan, countedFrom, due, null, asOf);
  const nextReviewDue = upcoming.status === 'not-applicable' ? null : due;
  if (nextReviewDue !== null) {
    reviews.push({
      index: plan.reviews.length,
      countedFrom,
      meeting: upcoming,
      decision: { ...notApplicable(null), decision: null },
      amendmentNoticeOn: null,
      amendedPlan: notApplicable(null),
      phaseTransfer: null,
    });
  }

  return {
    index: plan.index,
    issuedOn: plan.issued.on,
    source: plan.source,
    cycleIndex: plan.cycleIndex,
    order: plan.order,
    status: plan.status,
    endedOn: plan.endedOn,
    reviews,
    nextReviewDue: plan.status === 'active' ? nextReviewDue : null,
    amendments: plan.amendments.map((a) => ({
      index: a.index,
      reviewIndex: a.reviewIndex,
      noticeOn: a.notice.on,
      amendedPlan: planStep(
        plan,
        a.notice.on,
        amendedPlanDue(
          a.notice.on,
          a.reviewIndex === null ? null : (plan.reviews[a.reviewIndex]?.meeting.on ?? a.notice.on),
          settings,
        ),
        a.amendedPlan?.on ?? null,
        asOf,
      ),
    })),
    ceased: plan.ceased ? { on: plan.ceased.on, reason: plan.ceased.reason } : null,
    transferredIn: transfer,
    transferredOut: plan.transferredOut ? { on: plan.transferredOut.on, toLa: plan.transferredOut.toLa } : null,
  };
}

function appealClock(record: CaseRecord, appeal: AppealRecord, asOf: IsoDate): AppealClock {
  const deadline = appealDeadline({
    decisionDate: appeal.decisionDate,
    ...(appeal.mediationCertificateOn ? { mediationCertificateDate: appeal.mediationCertificateOn } : {}),
  });
  return {
    appealId: appeal.appealId,
    against: appeal.against,
    decisionDate: appeal.decisionDate,
    mediationCertificateOn: appeal.mediationCertificateOn,
    appealDeadline: deadline,
    registeredOn: appeal.registered.on,
    registeredInTime: appeal.registered.on <= deadline,
    status: appeal.status,
    closedOn: appeal.closed?.on ?? null,
    outcome: appeal.outcome,
    orders: appeal.orders.map((order) => {
      const deadlines = orderDeadlines(order.kind, order.orderedOn);
      const last = orderComplianceDue(order.kind, order.orderedOn);
      const metBy = orderFulfilment(record, appeal, order);
      return {
        orderId: order.orderId,
        kind: order.kind,
        orderedOn: order.orderedOn,
        deadlines,
        compliance: clockStep(order.orderedOn, last, metBy?.on ?? null, asOf),
        metBy,
      };
    }),
  };
}

/**
 * The deadlines not yet met, split into those still pending and those superseded: a review's decision, amended plan
 * or phase transfer once a later review meeting is held, a phase transfer once the transfer has taken place.
 */
function pendingDeadlines(
  cycles: CycleClock[],
  plans: PlanClock[],
  appeals: AppealClock[],
  asOf: IsoDate,
): { pending: PendingDeadline[]; superseded: SupersededDeadline[] } {
  const pending: PendingDeadline[] = [];
  const superseded: SupersededDeadline[] = [];
  const add = (kind: DeadlineKind, step: ClockStep, ref: string, close?: Closing): void => {
    if ((step.status !== 'due' && step.status !== 'overdue') || step.due === null) return;
    if (close?.nextMeeting) {
      superseded.push({ kind, due: step.due, ref, closedOn: close.nextMeeting, outcome: 'next-review-held' });
    } else if (close?.until && close.until < asOf) {
      superseded.push({ kind, due: step.due, ref, closedOn: close.until, outcome: 'transfer-took-place' });
    } else {
      pending.push({ kind, due: step.due, overdue: step.status === 'overdue', ref, until: close?.until ?? null });
    }
  };
  for (const c of cycles) {
    add('assessment-decision', c.assessmentDecision, `cycle-${c.index}`);
    add('no-plan-notice', c.noPlanNotice, `cycle-${c.index}`);
    add('final-plan', c.finalPlan, `cycle-${c.index}`);
  }
  for (const p of plans.filter((plan) => plan.status === 'active')) {
    if (p.transferredIn) add('transfer-notification', p.transferredIn.notification, `plan-${p.index}/transfer`);
    const held = p.reviews.filter((r) => r.meeting.done !== null).map((r) => r.meeting.done!);
    const nextMeetingAfter = (on: IsoDate, index: number): IsoDate | null =>
      held.find((meeting, i) => i > index && meeting >= on) ?? null;
    for (const r of p.reviews) {
      const ref = `plan-${p.index}/review-${r.index}`;
      const nextMeeting = r.meeting.done === null ? null : nextMeetingAfter(r.meeting.done, r.index);
      add('annual-review', r.meeting, ref);
      add('review-decision', r.decision, ref, { nextMeeting });
      add('amended-plan', r.amendedPlan, ref, { nextMeeting });
      if (r.phaseTransfer)
        add('phase-transfer', r.phaseTransfer, ref, { nextMeeting, until: r.phaseTransfer.takesPlace });
    }
    for (const a of p.amendments) {
      if (a.reviewIndex !== null) continue;
      const nextMeeting = held.find((meeting) => meeting > a.noticeOn) ?? null;
      add('amended-plan', a.amendedPlan, `plan-${p.index}/amendment-${a.index}`, { nextMeeting });
    }
  }
  for (const a of appeals) {
    for (const o of a.orders) add('tribunal-order', o.compliance, `appeal-${a.appealId}/order-${o.orderId}`);
  }
  return { pending: pending.sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : 0)), superseded };
}

interface Closing {
  readonly nextMeeting?: IsoDate | null;
  readonly until?: IsoDate | null;
}

/**
 * The case's clock at `asOf`, from its state or from its recorded events. `asOf` decides whether a step not yet
 * taken is due or overdue; to see the case as it was known on a past date, pass only the events recorded by then.
 */
export function caseClock(
  input: CaseState | readonly PathwayEvent[],
  asOf: IsoDate,
  settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
): CaseClock {
  const state = Array.isArray(input) ? deriveCase(input as readonly PathwayEvent[]) : (input as CaseState);
  const s: CalendarSettings = { ...settings };
  if (state.stage === 'new') {
    return {
      la: null,
      caseId: null,
      asOf,
      settings: s,
      stage: 'new',
      details: {},
      cycles: [],
      plans: [],
      plan: null,
      appeals: [],
      appealWindows: [],
      pending: [],
      superseded: [],
      nextDeadline: null,
      flags: [],
      retractions: [],
    };
  }
  const cycles = state.cycles.map((c) => cycleClock(c, asOf, s));
  const plans = state.plans.map((p) => planClock(p, asOf, s));
  const appeals = state.appeals.map((a) => appealClock(state, a, asOf));
  const { pending, superseded } = pendingDeadlines(cycles, plans, appeals, asOf);
  return {
    la: state.la,
    caseId: state.caseId,
    asOf,
    settings: s,
    stage: state.stage,
    details: state.details,
    cycles,
    plans,
    plan: plans[plans.length - 1] ?? null,
    appeals,
    appealWindows: appealWindows(state, asOf),
    pending,
    superseded,
    nextDeadline: pending[0] ?? null,
    flags: state.flags,
    retractions: state.retractions,
  };
}
