import type { PathwayEvent, PathwayEventOf } from './events.js';
import type {
  AmendmentRecord,
  AnnualReviewRecord,
  AppealRecord,
  CaseDetails,
  CaseRecord,
  CaseState,
  CycleStage,
  MediationCertificateRecord,
  OrderRecord,
  PlanRecord,
  PlanSource,
  RequestCycle,
} from './case-state.js';
import { initialState } from './case-state.js';
import type { DataQualityFlag, FlagCode } from './flags.js';
import {
  compareTimelineFacts,
  effectiveHistory,
  isPathwayFact,
  type PathwayFact,
  type TimelineFact,
} from './timeline.js';

type Draft<T> = { -readonly [K in keyof T]: T[K] };
type Of<T extends PathwayFact['type']> = PathwayEventOf<T>;

const REOPENING_ORDERS = new Set(['assess', 'reassess', 'make-and-maintain']);

/**
 * The case's state from everything it recorded, in arrival order. The effective facts are replayed in business-date
 * order, so a fact that arrives late lands where it belongs, and a correction or retraction changes the past. Anything
 * unusual on the way becomes a data-quality flag, never an exception: every history that `decide` accepted folds.
 */
export function deriveCase(history: readonly PathwayEvent[]): CaseState {
  const first = history[0];
  if (first === undefined) return initialState;
  const { timeline, arrivals, retractions } = effectiveHistory(history);
  const replay = replayer(null);
  for (const fact of timeline) replay.apply(fact.event);
  return replay.finish({
    la: first.la,
    caseId: first.caseId,
    history: [...history],
    timeline,
    retractions,
    historyFlags: historyFlags(arrivals, retractions),
  });
}

/**
 * The case after one more fact, replayed on from where `state` stands, when the fact takes its place at the end of
 * the timeline: a pathway fact (not a correction or retraction) dated on or after every fact the case holds, as
 * first recorded, and after the last one in business-date order. Its answer equals `deriveCase` of the longer
 * history; undefined when the fact lands anywhere else, and the caller derives the case again.
 */
export function deriveOneMore(state: CaseRecord, event: PathwayEvent): CaseState | undefined {
  if (!isPathwayFact(event)) return undefined;
  const fact: TimelineFact = {
    event,
    arrival: state.history.length,
    recordedOccurredOn: event.occurredOn,
    correctedBy: [],
  };
  const last = state.timeline[state.timeline.length - 1];
  if (last !== undefined && compareTimelineFacts(last, fact) >= 0) return undefined;
  // Dated before a fact already recorded: it would be flagged out of order.
  if (state.timeline.some((f) => f.recordedOccurredOn > event.occurredOn)) return undefined;
  // An eventId the case knows (or that a retraction names) is placed by the whole derivation.
  if (state.history.some((e) => e.eventId === event.eventId || retracts(e, event.eventId))) return undefined;
  const replay = replayer(state);
  replay.apply(event);
  return replay.finish({
    la: state.la,
    caseId: state.caseId,
    history: [...state.history, event],
    timeline: [...state.timeline, fact],
    retractions: state.retractions,
    historyFlags: state.flags.filter(isHistoryFlag),
  });
}

function retracts(event: PathwayEvent, eventId: string): boolean {
  return event.type === 'EventRetracted' && event.data.retractedEventId === eventId;
}

/** Flags about how the facts were recorded (`historyFlags`); every other flag comes from replaying the facts. */
const HISTORY_FLAG_CODES: ReadonlySet<FlagCode> = new Set(['out-of-order', 'corrected', 'retracted']);

function isHistoryFlag(flag: DataQualityFlag): boolean {
  return HISTORY_FLAG_CODES.has(flag.code);
}

interface RecordParts {
  readonly la: string;
  readonly caseId: string;
  readonly history: PathwayEvent[];
  readonly timeline: TimelineFact[];
  readonly retractions: CaseRecord['retractions'];
  readonly historyFlags: DataQualityFlag[];
}

interface Replay {
  /** Takes the next fact in business-date order. */
  apply(event: PathwayFact): void;
  /** The case state once every fact is applied. */
  finish(parts: RecordParts): CaseState;
}

/**
 * The pathway replayed fact by fact: from nothing, or on from a case already derived. On from a case, the case is
 * left as it was: the request cycle, plan or appeal a fact changes is copied first (copy on write), and the rest is
 * shared with it, as nothing changes a derived case.
 */
function replayer(from: CaseRecord | null): Replay {
  const copyOnWrite = from !== null;
  /** What this replay made or copied, and so may change. */
  const owned = new Set<object>();
  const own = <T extends object>(value: T): T => {
    if (copyOnWrite) owned.add(value);
    return value;
  };
  const mine = (value: object): boolean => !copyOnWrite || owned.has(value);
  const cycles = [...(from?.cycles ?? [])] as Draft<RequestCycle>[];
  const plans = [...(from?.plans ?? [])] as Draft<PlanRecord>[];
  const appeals = new Map<string, Draft<AppealRecord>>(
    (from?.appeals ?? []).map((appeal) => [appeal.appealId, appeal as Draft<AppealRecord>]),
  );
  const certificates: MediationCertificateRecord[] = [...(from?.mediationCertificates ?? [])];
  const flags: DataQualityFlag[] = (from?.flags ?? []).filter((f) => !isHistoryFlag(f));
  let details: CaseDetails = from?.details ?? {};

  const flag = (code: FlagCode, event: PathwayFact, message: string): void => {
    flags.push({ code, eventId: event.eventId, occurredOn: event.occurredOn, message });
  };
  const lastCycle = (): Draft<RequestCycle> | undefined => {
    const cycle = cycles[cycles.length - 1];
    if (cycle === undefined || mine(cycle)) return cycle;
    const copy = own({ ...cycle, exceptions: [...cycle.exceptions], advice: [...cycle.advice] });
    cycles[cycles.length - 1] = copy;
    return copy;
  };
  const activePlan = (): Draft<PlanRecord> | undefined => {
    const plan = plans[plans.length - 1];
    if (plan?.status !== 'active') return undefined;
    if (mine(plan)) return plan;
    const copy = own({
      ...plan,
      reviews: [...plan.reviews],
      amendments: [...plan.amendments],
      placements: [...plan.placements],
    });
    plans[plans.length - 1] = copy;
    return copy;
  };
  const openCycleFor = (event: PathwayFact, step: string): Draft<RequestCycle> | undefined => {
    const cycle = lastCycle();
    if (!cycle) {
      flag('step-without-predecessor', event, `${step} on ${event.occurredOn} with no request recorded before it`);
      return undefined;
    }
    if (cycle.outcome !== 'open') {
      flag(
        'step-without-predecessor',
        event,
        `${step} on ${event.occurredOn} after the request of ${cycle.request.on} ended (${cycle.outcome})`,
      );
      return undefined;
    }
    return cycle;
  };
  const closeCycle = (cycle: Draft<RequestCycle>, outcome: RequestCycle['outcome'], on: string): void => {
    cycle.outcome = outcome;
    cycle.closedOn = on;
  };
  const planFor = (event: PathwayFact, step: string): Draft<PlanRecord> | undefined => {
    const plan = activePlan();
    if (!plan) flag('step-without-predecessor', event, `${step} on ${event.occurredOn} with no plan in force`);
    return plan;
  };
  const startPlan = (
    event: PathwayFact,
    source: PlanSource,
    cycle: RequestCycle | undefined,
    extra: Partial<PlanRecord> = {},
  ): void => {
    const previous = activePlan();
    if (previous) {
      previous.status = 'replaced';
      previous.endedOn = event.occurredOn;
    }
    plans.push(
      own({
        index: plans.length,
        issued: { on: event.occurredOn, eventId: event.eventId },
        source,
        cycleIndex: cycle ? cycle.index : null,
        order: cycle?.reopenedBy ?? null,
        transferredIn: null,
        transferNotified: null,
        reviews: [],
        amendments: [],
        placements: [],
        ceased: null,
        transferredOut: null,
        status: 'active',
        endedOn: null,
        ...extra,
      }),
    );
  };
  const appealFor = (event: PathwayFact, appealId: string): Draft<AppealRecord> | undefined => {
    let appeal = appeals.get(appealId);
    if (appeal !== undefined && !mine(appeal)) {
      appeal = own({ ...appeal, orders: [...appeal.orders] });
      appeals.set(appealId, appeal);
    }
    if (!appeal) {
      flag('step-without-predecessor', event, `appeal ${appealId} is not registered on ${event.occurredOn}`);
    } else if (appeal.status !== 'registered' && event.type !== 'TribunalOrderComplied') {
      flag('repeated-step', event, `appeal ${appealId} had already ended (${appeal.status}) on ${appeal.closed?.on}`);
      return undefined;
    }
    return appeal;
  };

  const handlers: { [T in PathwayFact['type']]: (event: Of<T>) => void } = {
    AssessmentRequested: (event) => {
      const { requestSource, ...attributes } = event.data;
      details = { ...details, ...attributes, requestSource };
      const open = lastCycle();
      if (open?.outcome === 'open') {
        flag(
          'request-while-open',
          event,
          `a request on ${event.occurredOn} while the request of ${open.request.on} was still open`,
        );
        return;
      }
      cycles.push(
        own({
          index: cycles.length,
          request: { on: event.occurredOn, eventId: event.eventId },
          requestSource,
          assessmentDecision: null,
          planDecision: null,
          draftPlan: null,
          finalPlan: null,
          withdrawal: null,
          exceptions: [],
          advice: [],
          reopenedBy: null,
          outcome: 'open',
          stage: 'requested',
          closedOn: null,
        }),
      );
    },
    AssessmentRequestWithdrawn: (event) => {
      const cycle = openCycleFor(event, 'a withdrawal');
      if (!cycle) return;
      cycle.withdrawal = { on: event.occurredOn, eventId: event.eventId };
      closeCycle(cycle, 'withdrawn', event.occurredOn);
    },
    AssessmentDecisionMade: (event) => {
      const cycle = lastCycle();
      if (cycle?.assessmentDecision && !cycle.withdrawal) {
        flag(
          'repeated-step',
          event,
          `a second decision on whether to assess (${event.occurredOn}) for the request of ${cycle.request.on}`,
        );
        return;
      }
      const open = openCycleFor(event, 'a decision on whether to assess');
      if (!open) return;
      open.assessmentDecision = { on: event.occurredOn, eventId: event.eventId, decision: event.data.decision };
      if (event.data.decision === 'refuse') closeCycle(open, 'refused', event.occurredOn);
    },
    AdviceRequested: (event) => {
      const cycle = openCycleFor(event, 'a request for advice');
      cycle?.advice.push({
        adviceFrom: event.data.adviceFrom,
        requested: { on: event.occurredOn, eventId: event.eventId },
        received: null,
      });
    },
    AdviceReceived: (event) => {
      // Advice asked for can arrive after the request has ended (withdrawn, refused): it still answers that request.
      const last = lastCycle();
      const index = last?.advice.findIndex((a) => a.adviceFrom === event.data.adviceFrom && a.received === null) ?? -1;
      const received = { on: event.occurredOn, eventId: event.eventId };
      const asked = last?.advice[index];
      if (last && asked) {
        last.advice[index] = { ...asked, received };
        return;
      }
      const cycle = openCycleFor(event, 'advice received');
      if (!cycle) return;
      flag('step-without-predecessor', event, `advice from ${event.data.adviceFrom} received but never requested`);
      cycle.advice.push({ adviceFrom: event.data.adviceFrom, requested: null, received });
    },
    TimescaleExceptionApplied: (event) => {
      const cycle = lastCycle();
      if (!cycle) {
        flag('step-without-predecessor', event, `a timescale exception on ${event.occurredOn} with no request`);
        return;
      }
      cycle.exceptions.push({ ...event.data, eventId: event.eventId });
    },
    PlanDecisionMade: (event) => {
      const last = lastCycle();
      if (last?.planDecision) {
        flag('repeated-step', event, `a second decision on whether to issue a plan (${event.occurredOn})`);
        return;
      }
      const cycle = openCycleFor(event, 'a decision on whether to issue a plan');
      if (!cycle) return;
      if (!cycle.assessmentDecision && !cycle.reopenedBy) {
        flag('step-without-predecessor', event, `a decision to issue a plan with no decision to assess recorded`);
      }
      cycle.planDecision = { on: event.occurredOn, eventId: event.eventId, decision: event.data.decision };
      if (event.data.decision === 'no-plan') closeCycle(cycle, 'no-plan', event.occurredOn);
    },
    DraftPlanIssued: (event) => {
      const last = lastCycle();
      if (last?.draftPlan) {
        flag('repeated-step', event, `a second draft plan (${event.occurredOn}) for the request of ${last.request.on}`);
        return;
      }
      const cycle = openCycleFor(event, 'a draft plan');
      if (!cycle) return;
      if (!cycle.planDecision && cycle.reopenedBy?.kind !== 'make-and-maintain') {
        flag('step-without-predecessor', event, `a draft plan with no decision to issue a plan recorded`);
      }
      cycle.draftPlan = { on: event.occurredOn, eventId: event.eventId };
    },
    FinalPlanIssued: (event) => {
      const cycle = lastCycle();
      if (cycle?.finalPlan) {
        flag(
          'repeated-step',
          event,
          `a second final plan (${event.occurredOn}) for the request of ${cycle.request.on}, ` +
            `whose final plan was issued on ${cycle.finalPlan.on}`,
        );
        return;
      }
      if (cycle?.outcome === 'open') {
        if (!cycle.draftPlan) flag('final-plan-without-draft', event, `a final plan with no draft plan recorded`);
        cycle.finalPlan = { on: event.occurredOn, eventId: event.eventId };
        closeCycle(cycle, 'plan-issued', event.occurredOn);
        startPlan(event, cycle.reopenedBy ? 'tribunal-ordered' : 'new', cycle);
        return;
      }
      const current = activePlan();
      if (current && current.cycleIndex === null && current.source !== 'transferred-in') {
        flag(
          'repeated-step',
          event,
          `a second final plan with no request, while the plan of ${current.issued.on} is in force`,
        );
        return;
      }
      flag(
        'plan-without-request',
        event,
        cycle
          ? `a final plan on ${event.occurredOn} after the request of ${cycle.request.on} ended (${cycle.outcome})`
          : `a final plan on ${event.occurredOn} with no request recorded`,
      );
      startPlan(event, 'new', undefined);
    },
    AnnualReviewMeetingHeld: (event) => {
      const plan = planFor(event, 'an annual review meeting');
      plan?.reviews.push({
        index: plan.reviews.length,
        meeting: { on: event.occurredOn, eventId: event.eventId },
        phaseTransfer: event.data.phaseTransfer ?? null,
        decision: null,
      });
    },
    AnnualReviewDecisionNotified: (event) => {
      const plan = planFor(event, 'a review decision');
      if (!plan) return;
      const review = plan.reviews[plan.reviews.length - 1];
      if (!review) {
        flag('step-without-predecessor', event, `a review decision with no review meeting recorded`);
      } else if (review.decision) {
        flag('repeated-step', event, `a second decision for the review meeting of ${review.meeting.on}`);
      } else {
        plan.reviews[review.index] = {
          ...review,
          decision: { on: event.occurredOn, eventId: event.eventId, decision: event.data.decision },
        };
      }
    },
    AmendmentNoticeIssued: (event) => {
      const plan = planFor(event, 'an amendment notice');
      if (!plan) return;
      const review: AnnualReviewRecord | undefined = plan.reviews[plan.reviews.length - 1];
      const follows =
        review !== undefined &&
        review.decision?.decision !== 'maintain' &&
        review.decision?.decision !== 'cease' &&
        !plan.amendments.some((a) => a.reviewIndex === review.index);
      plan.amendments.push({
        index: plan.amendments.length,
        reviewIndex: follows ? review.index : null,
        notice: { on: event.occurredOn, eventId: event.eventId },
        amendedPlan: null,
      });
    },
    AmendedPlanIssued: (event) => {
      const plan = planFor(event, 'an amended plan');
      if (!plan) return;
      const pending: AmendmentRecord | undefined = plan.amendments.find((a) => a.amendedPlan === null);
      if (!pending) {
        flag('step-without-predecessor', event, `an amended plan with no amendment notice pending`);
        return;
      }
      plan.amendments[pending.index] = { ...pending, amendedPlan: { on: event.occurredOn, eventId: event.eventId } };
    },
    PlanCeased: (event) => {
      const plan = planFor(event, 'a plan ceasing');
      if (!plan) return;
      plan.ceased = { on: event.occurredOn, eventId: event.eventId, reason: event.data.reason };
      plan.status = 'ceased';
      plan.endedOn = event.occurredOn;
    },
    PlanTransferredIn: (event) => {
      startPlan(event, 'transferred-in', undefined, {
        transferredIn: {
          on: event.occurredOn,
          eventId: event.eventId,
          fromLa: event.data.fromLa,
          lastReviewDate: event.data.lastReviewDate ?? null,
        },
      });
    },
    PlanTransferNotified: (event) => {
      const plan = planFor(event, 'a transfer notice');
      if (!plan) return;
      if (plan.transferredIn === null) {
        flag(
          'step-without-predecessor',
          event,
          `a transfer notice on ${event.occurredOn} for a plan not transferred in`,
        );
      } else if (plan.transferNotified !== null) {
        flag('repeated-step', event, `a second transfer notice (the first on ${plan.transferNotified.on})`);
      } else {
        plan.transferNotified = {
          on: event.occurredOn,
          eventId: event.eventId,
          assessmentProposed: event.data.assessmentProposed,
        };
      }
    },
    PlanTransferredOut: (event) => {
      const plan = planFor(event, 'a transfer out');
      if (!plan) return;
      plan.transferredOut = { on: event.occurredOn, eventId: event.eventId, toLa: event.data.toLa ?? null };
      plan.status = 'transferred-out';
      plan.endedOn = event.occurredOn;
    },
    MediationCertificateIssued: (event) => {
      certificates.push({ on: event.occurredOn, eventId: event.eventId, decisionDate: event.data.decisionDate });
    },
    TribunalAppealRegistered: (event) => {
      const { appealId, against, decisionDate } = event.data;
      if (appeals.has(appealId)) {
        flag('repeated-step', event, `appeal ${appealId} registered a second time`);
        return;
      }
      const certificate = certificates.filter((c) => c.decisionDate === decisionDate).pop();
      appeals.set(
        appealId,
        own({
          appealId,
          against,
          decisionDate,
          registered: { on: event.occurredOn, eventId: event.eventId },
          mediationCertificateOn: certificate?.on ?? null,
          status: 'registered',
          closed: null,
          outcome: null,
          orders: [],
        }),
      );
    },
    TribunalAppealWithdrawn: (event) => {
      const appeal = appealFor(event, event.data.appealId);
      if (!appeal) return;
      appeal.status = 'withdrawn';
      appeal.closed = { on: event.occurredOn, eventId: event.eventId };
    },
    TribunalAppealConceded: (event) => {
      const appeal = appealFor(event, event.data.appealId);
      if (!appeal) return;
      appeal.status = 'conceded';
      appeal.closed = { on: event.occurredOn, eventId: event.eventId };
    },
    TribunalAppealDecided: (event) => {
      const appeal = appealFor(event, event.data.appealId);
      if (!appeal) return;
      appeal.status = 'decided';
      appeal.closed = { on: event.occurredOn, eventId: event.eventId };
      appeal.outcome = event.data.outcome;
      appeal.orders = event.data.orders.map((o) => ({ ...o, orderedOn: event.occurredOn, complied: null }));
      const reopening = appeal.orders.find((o) => REOPENING_ORDERS.has(o.kind));
      const cycle = lastCycle();
      if (reopening && cycle && (cycle.outcome === 'refused' || cycle.outcome === 'no-plan')) {
        cycle.reopenedBy = {
          appealId: appeal.appealId,
          orderId: reopening.orderId,
          kind: reopening.kind,
          on: event.occurredOn,
        };
        cycle.outcome = 'open';
        cycle.closedOn = null;
      }
    },
    TribunalOrderComplied: (event) => {
      const appeal = appealFor(event, event.data.appealId);
      if (!appeal) return;
      const index = appeal.orders.findIndex((o) => o.orderId === event.data.orderId);
      const order: OrderRecord | undefined = appeal.orders[index];
      if (!order) {
        flag(
          'step-without-predecessor',
          event,
          `order ${event.data.orderId} was not made in appeal ${appeal.appealId}`,
        );
      } else if (order.complied) {
        flag('repeated-step', event, `order ${order.orderId} complied with a second time`);
      } else {
        appeal.orders[index] = { ...order, complied: { on: event.occurredOn, eventId: event.eventId } };
      }
    },
    CaseDetailsUpdated: (event) => {
      details = { ...details, ...event.data };
    },
    PlacementRecorded: (event) => {
      const plan = planFor(event, 'a placement');
      plan?.placements.push({ on: event.occurredOn, eventId: event.eventId, ...event.data });
    },
  };

  return {
    apply(event) {
      (handlers[event.type] as (event: PathwayFact) => void)(event);
    },
    finish(parts) {
      // A cycle this replay did not touch keeps the stage it had.
      for (const cycle of cycles) {
        if (mine(cycle)) cycle.stage = cycle.outcome === 'open' ? cycleStage(cycle) : null;
      }
      const record: CaseRecord = {
        la: parts.la,
        caseId: parts.caseId,
        history: parts.history,
        timeline: parts.timeline,
        retractions: parts.retractions,
        details,
        cycles,
        plans,
        appeals: [...appeals.values()],
        mediationCertificates: certificates,
        flags: [...flags, ...parts.historyFlags],
      };
      return withStage(record);
    },
  };
}

function cycleStage(cycle: RequestCycle): CycleStage {
  if (cycle.planDecision?.decision === 'issue' || cycle.draftPlan || cycle.reopenedBy?.kind === 'make-and-maintain') {
    return 'drafting';
  }
  if (cycle.assessmentDecision || cycle.planDecision || cycle.reopenedBy) return 'assessing';
  return 'requested';
}

function withStage(record: CaseRecord): CaseState {
  const lastCycle = record.cycles[record.cycles.length - 1];
  const openCycle = lastCycle?.stage ? lastCycle : null;
  const plan = record.plans[record.plans.length - 1];
  if (plan?.status === 'active') return { ...record, stage: 'plan-active', plan, openCycle };
  if (openCycle?.stage) return { ...record, stage: openCycle.stage, openCycle };
  if (
    plan?.endedOn &&
    (plan.status === 'ceased' || plan.status === 'transferred-out') &&
    !(lastCycle && lastCycle.request.on > plan.endedOn)
  ) {
    return { ...record, stage: plan.status, plan };
  }
  return { ...record, stage: 'no-request' };
}

/** Flags about how the facts were recorded rather than what they say. */
function historyFlags(arrivals: readonly TimelineFact[], retractions: CaseRecord['retractions']): DataQualityFlag[] {
  const flags: DataQualityFlag[] = [];
  let latest = '';
  for (const fact of arrivals) {
    const { eventId, occurredOn } = fact.event;
    if (fact.recordedOccurredOn < latest) {
      flags.push({
        code: 'out-of-order',
        eventId,
        occurredOn,
        message: `recorded after a fact dated ${latest}, later than its own date ${fact.recordedOccurredOn}`,
      });
    }
    if (fact.recordedOccurredOn > latest) latest = fact.recordedOccurredOn;
    if (fact.correctedBy.length > 0) {
      const changed = fact.recordedOccurredOn === occurredOn ? '' : ` (first recorded as ${fact.recordedOccurredOn})`;
      flags.push({
        code: 'corrected',
        eventId,
        occurredOn,
        message: `${fact.event.type} corrected ${fact.correctedBy.length} time(s)${changed}`,
      });
    }
  }
  for (const r of retractions) {
    flags.push({
      code: 'retracted',
      eventId: r.retractedEventId,
      occurredOn: r.occurredOn,
      message: `${r.retractedType} retracted: ${r.reason}`,
    });
  }
  return flags;
}
