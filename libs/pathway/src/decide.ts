import { DEFAULT_CALENDAR_SETTINGS, isIsoDate, type CalendarSettings } from '#calendar';
import type { IsoDate, PathwayEvent, PathwayEventOf } from './events.js';
import { initialState, type CaseRecord, type CaseState, type RequestCycle } from './case-state.js';
import { deriveCase } from './derive.js';
import type { FlagCode } from './flags.js';
import { sameFact } from './codec.js';
import { rejection, type Rejection } from './rejections.js';
import { applyCorrection, isPathwayFact, type PathwayFact } from './timeline.js';
import { EVENT_DATE_FIELDS, validateEventData, validatePathwayEvent } from './contract/validator.js';

/** Every incoming fact becomes this command. `now` is today's date: the domain has no clock of its own. */
export interface RecordPathwayFact {
  readonly event: PathwayEvent;
  readonly now: IsoDate;
}

export interface Accepted {
  readonly kind: 'accepted';
  readonly events: PathwayEvent[];
}

export type Decision = Accepted | Rejection;

/** Date fields that record something already done, so cannot be after today. An exception period can be known
 * ahead (a planned school closure), so its dates may lie in the future. */
const PAST_DATE_FIELDS: ReadonlySet<string> = new Set(['lastReviewDate', 'decisionDate', 'occurredOn']);

/** Flags that say a fact does not fit the pathway; a correction must not create one. */
const MISFIT_FLAGS: ReadonlySet<FlagCode> = new Set([
  'step-without-predecessor',
  'plan-without-request',
  'repeated-step',
  'request-while-open',
]);

const STEP_NAMES: Partial<Record<PathwayFact['type'], string>> = {
  AssessmentDecisionMade: 'decision on whether to assess',
  PlanDecisionMade: 'decision on whether to issue a plan',
  DraftPlanIssued: 'draft plan',
  FinalPlanIssued: 'final plan',
};

/**
 * Decides whether a fact can be recorded on the case: returns the events to append, or a rejection saying what
 * cannot be true and which date is wrong. What is merely unusual is accepted; the case's flags show it.
 */
export function decide(
  command: RecordPathwayFact,
  state: CaseState,
  _settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS,
): Decision {
  const { event, now } = command;
  if (!isIsoDate(now)) throw new RangeError(`now must be an ISO date, got ${String(now)}`);
  const problem = checkEnvelope(event, state, now) ?? checkAgainstCase(event, state, now);
  return problem ?? { kind: 'accepted', events: [event] };
}

function describe(event: { readonly type: string; readonly eventId: string }): string {
  return `${event.type} ${event.eventId}`;
}

function dateFields(event: PathwayEvent): [string, unknown][] {
  const names = EVENT_DATE_FIELDS[event.type] ?? [];
  const data = event.data as Readonly<Record<string, unknown>>;
  return names.filter((n) => data[n] !== undefined).map((n) => [n, data[n]]);
}

function checkEnvelope(event: PathwayEvent, state: CaseState, now: IsoDate): Rejection | null {
  if (!isIsoDate(event.occurredOn)) {
    return rejection('invalid-date', `${describe(event)}: occurredOn ${String(event.occurredOn)} is not a real date`);
  }
  for (const [name, value] of dateFields(event)) {
    if (!isIsoDate(value)) {
      return rejection('invalid-date', `${describe(event)}: data.${name} ${String(value)} is not a real date`);
    }
  }
  const shape = validatePathwayEvent(event);
  if (!shape.ok) {
    const errors = shape.errors.map((e) => `${e.path} ${e.message}`).join('; ');
    return rejection('invalid-event', `${describe(event)}: ${errors}`);
  }
  if (state.stage !== 'new' && (event.la !== state.la || event.caseId !== state.caseId)) {
    return rejection(
      'case-mismatch',
      `${describe(event)} is for case ${event.caseId} in LA ${event.la}, not case ${state.caseId} in LA ${state.la}`,
    );
  }
  const recorded = state.stage === 'new' ? undefined : state.history.find((e) => e.eventId === event.eventId);
  if (recorded !== undefined) {
    return sameFact(recorded, event)
      ? rejection('duplicate-event', `${describe(event)} is already recorded on this case`)
      : rejection('conflict', `${describe(event)}: its eventId is already recorded with other content`);
  }
  if (event.occurredOn > now) {
    return rejection('future-date', `${describe(event)}: occurredOn ${event.occurredOn} is after today (${now})`);
  }
  for (const [name, value] of dateFields(event)) {
    if (PAST_DATE_FIELDS.has(name) && typeof value === 'string' && value > now) {
      return rejection('future-date', `${describe(event)}: data.${name} ${value} is after today (${now})`);
    }
  }
  if ('birthMonth' in event.data && event.data.birthMonth !== undefined && event.data.birthMonth > now.slice(0, 7)) {
    return rejection('future-date', `${describe(event)}: birth month ${event.data.birthMonth} is after this month`);
  }
  return null;
}

function checkAgainstCase(event: PathwayEvent, state: CaseState, now: IsoDate): Rejection | null {
  if (event.type === 'EventCorrected') return checkCorrection(event, state, now);
  if (event.type === 'EventRetracted') return checkRetraction(event, state);
  return checkFact(event, state.stage === 'new' ? null : state);
}

/** The latest request on or before `date`, and the first one after it. */
function cyclesAround(record: CaseRecord | null, date: IsoDate): { at?: RequestCycle; after?: RequestCycle } {
  const cycles = record?.cycles ?? [];
  const after = cycles.findIndex((c) => c.request.on > date);
  return after === -1 ? { at: cycles[cycles.length - 1] } : { at: cycles[after - 1], after: cycles[after] };
}

type RequestStep = Extract<
  PathwayFact,
  { type: 'AssessmentDecisionMade' | 'PlanDecisionMade' | 'DraftPlanIssued' | 'FinalPlanIssued' }
>;

function hasStep(cycle: RequestCycle, type: RequestStep['type']): boolean {
  switch (type) {
    case 'AssessmentDecisionMade':
      return cycle.assessmentDecision !== null;
    case 'PlanDecisionMade':
      return cycle.planDecision !== null;
    case 'DraftPlanIssued':
      return cycle.draftPlan !== null;
    case 'FinalPlanIssued':
      return cycle.finalPlan !== null;
  }
}

/** Rules for a pathway fact in the light of what the case already holds. */
export function checkFact(event: PathwayFact, record: CaseRecord | null): Rejection | null {
  const d = event.occurredOn;
  switch (event.type) {
    case 'AssessmentRequested':
    case 'AdviceRequested':
    case 'AdviceReceived':
    case 'AnnualReviewMeetingHeld':
    case 'AnnualReviewDecisionNotified':
    case 'AmendmentNoticeIssued':
    case 'AmendedPlanIssued':
    case 'PlanCeased':
    case 'PlanTransferredOut':
    case 'PlanTransferNotified':
    case 'CaseDetailsUpdated':
    case 'PlacementRecorded':
      return null;
    case 'TimescaleExceptionApplied':
      return event.data.to < event.data.from
        ? rejection(
            'exception-period-invalid',
            `${describe(event)}: the exception period ends (${event.data.to}) before it starts (${event.data.from})`,
          )
        : null;
    case 'AssessmentRequestWithdrawn': {
      // Only when it falls between a request that had ended and the next recorded one: after the latest request,
      // the withdrawal may be of a request still to arrive, so it is accepted and flagged.
      const { at, after } = cyclesAround(record, d);
      if (at && after && at.outcome !== 'open' && at.closedOn !== null && at.closedOn <= d) {
        return rejection(
          'no-open-request',
          `${describe(event)}: the withdrawal on ${d} falls after the request of ${at.request.on} ended ` +
            `(${at.outcome}) on ${at.closedOn} and before the next request, of ${after.request.on}`,
        );
      }
      return null;
    }
    case 'AssessmentDecisionMade':
    case 'PlanDecisionMade':
    case 'DraftPlanIssued':
    case 'FinalPlanIssued':
      return checkRequestStep(event, record);
    case 'PlanTransferredIn':
      return event.data.lastReviewDate !== undefined && event.data.lastReviewDate > d
        ? rejection(
            'date-before-predecessor',
            `${describe(event)}: the last review (${event.data.lastReviewDate}) is after the transfer (${d})`,
          )
        : null;
    case 'MediationCertificateIssued':
      return event.data.decisionDate > d
        ? rejection(
            'date-before-predecessor',
            `${describe(event)}: the certificate (${d}) is dated before the decision it follows (${event.data.decisionDate})`,
          )
        : null;
    case 'TribunalAppealRegistered':
      if (record?.appeals.some((a) => a.appealId === event.data.appealId)) {
        return rejection(
          'appeal-already-registered',
          `${describe(event)}: appeal ${event.data.appealId} is already registered`,
        );
      }
      return event.data.decisionDate > d
        ? rejection(
            'date-before-predecessor',
            `${describe(event)}: the appeal (${d}) is registered before the decision it is against (${event.data.decisionDate})`,
          )
        : null;
    case 'TribunalAppealWithdrawn':
    case 'TribunalAppealConceded':
    case 'TribunalAppealDecided':
      return checkAppealOutcome(event, record);
    case 'TribunalOrderComplied':
      return checkOrderCompliance(event, record);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function checkRequestStep(event: RequestStep, record: CaseRecord | null): Rejection | null {
  const d = event.occurredOn;
  const step = STEP_NAMES[event.type] ?? event.type;
  const { at, after } = cyclesAround(record, d);
  // Between a withdrawn request and the next recorded one no request is open. After the latest withdrawn request,
  // the step may belong to a request still to arrive: accepted and flagged, and placed when that request arrives.
  if (at?.withdrawal && at.withdrawal.on <= d && after) {
    return rejection(
      'no-open-request',
      `${describe(event)}: the ${step} on ${d} falls after the request of ${at.request.on} was withdrawn ` +
        `(${at.withdrawal.on}) and before the next request, of ${after.request.on}`,
    );
  }
  if (event.type === 'FinalPlanIssued') {
    if (at?.finalPlan) {
      return rejection(
        'duplicate-final-plan',
        `${describe(event)}: the request of ${at.request.on} already has a final plan, issued on ${at.finalPlan.on}`,
      );
    }
    const preSystemPlan = record?.plans.find(
      (p) => p.cycleIndex === null && p.source === 'new' && p.issued.on <= d && (p.endedOn === null || p.endedOn > d),
    );
    if (!at && preSystemPlan) {
      return rejection(
        'duplicate-final-plan',
        `${describe(event)}: a final plan issued on ${preSystemPlan.issued.on} was already in force on ${d}`,
      );
    }
  }
  if (!at && after && !hasStep(after, event.type)) {
    const planBefore = record?.plans.some((p) => p.issued.on < after.request.on) ?? false;
    if (!planBefore) {
      return rejection(
        event.type === 'FinalPlanIssued' ? 'final-plan-before-request' : 'step-before-request',
        `${describe(event)}: the ${step} on ${d} is dated before the request of ${after.request.on} it answers`,
      );
    }
  }
  return null;
}

function checkAppealOutcome(
  event: Extract<PathwayFact, { type: 'TribunalAppealWithdrawn' | 'TribunalAppealConceded' | 'TribunalAppealDecided' }>,
  record: CaseRecord | null,
): Rejection | null {
  const appeal = record?.appeals.find((a) => a.appealId === event.data.appealId);
  if (!appeal) {
    return rejection(
      'unknown-appeal',
      `${describe(event)}: appeal ${event.data.appealId} was never registered on this case`,
    );
  }
  if (appeal.status !== 'registered') {
    return rejection(
      'appeal-already-closed',
      `${describe(event)}: appeal ${appeal.appealId} already ended (${appeal.status}) on ${appeal.closed?.on}`,
    );
  }
  if (event.occurredOn < appeal.registered.on) {
    return rejection(
      'date-before-predecessor',
      `${describe(event)}: dated ${event.occurredOn}, before appeal ${appeal.appealId} was registered (${appeal.registered.on})`,
    );
  }
  return null;
}

function checkOrderCompliance(
  event: PathwayEventOf<'TribunalOrderComplied'>,
  record: CaseRecord | null,
): Rejection | null {
  const { appealId, orderId } = event.data;
  const appeal = record?.appeals.find((a) => a.appealId === appealId);
  if (!appeal)
    return rejection('unknown-appeal', `${describe(event)}: appeal ${appealId} was never registered on this case`);
  const order = appeal.orders.find((o) => o.orderId === orderId);
  if (!order) {
    return rejection(
      'unknown-order',
      `${describe(event)}: the decision of appeal ${appealId} made no order ${orderId}`,
    );
  }
  if (order.complied) {
    return rejection(
      'order-already-complied',
      `${describe(event)}: order ${orderId} was already complied with on ${order.complied.on}`,
    );
  }
  if (event.occurredOn < order.orderedOn) {
    return rejection(
      'date-before-predecessor',
      `${describe(event)}: compliance on ${event.occurredOn} is before order ${orderId} was made (${order.orderedOn})`,
    );
  }
  return null;
}

function findTarget(record: CaseRecord, eventId: string): PathwayEvent | undefined {
  return record.history.find((e) => e.eventId === eventId);
}

function isRetracted(record: CaseRecord, eventId: string): boolean {
  return record.retractions.some((r) => r.retractedEventId === eventId);
}

function misfits(state: CaseState): Set<string> {
  return new Set(
    state.stage === 'new'
      ? []
      : state.flags.filter((f) => MISFIT_FLAGS.has(f.code)).map((f) => `${f.code} ${f.eventId}`),
  );
}

function checkCorrection(event: PathwayEventOf<'EventCorrected'>, state: CaseState, now: IsoDate): Rejection | null {
  const { correctedEventId } = event.data;
  const target = state.stage === 'new' ? undefined : findTarget(state, correctedEventId);
  if (state.stage === 'new' || !target) {
    return rejection('unknown-event', `${describe(event)}: no event ${correctedEventId} is recorded on this case`);
  }
  if (isRetracted(state, correctedEventId)) {
    return rejection(
      'already-retracted',
      `${describe(event)}: event ${correctedEventId} was retracted and cannot be corrected`,
    );
  }
  if (!isPathwayFact(target)) {
    return rejection(
      'invalid-correction',
      `${describe(event)}: ${target.type} ${correctedEventId} cannot be corrected; correct the original fact instead`,
    );
  }
  const changes = event.data.data ?? {};
  if (event.data.occurredOn === undefined && Object.keys(changes).length === 0) {
    return rejection('invalid-correction', `${describe(event)}: the correction changes neither the date nor any data`);
  }
  const current = state.timeline.find((f) => f.event.eventId === correctedEventId);
  /* A fact that is not retracted is on the timeline. */
  const corrected = applyCorrection(current!, event).event;
  const dataErrors = validateEventData(corrected.type, corrected.data);
  if (dataErrors.length > 0) {
    const errors = dataErrors.map((e) => `${e.path} ${e.message}`).join('; ');
    return rejection('invalid-correction', `${describe(event)}: the corrected ${target.type} is not valid: ${errors}`);
  }
  const recheck = checkEnvelope(corrected, initialState, now);
  if (recheck) return rejection(recheck.code === 'future-date' ? 'future-date' : 'invalid-correction', recheck.message);
  const without = deriveCase(
    state.history.filter((e) => e.eventId !== correctedEventId && !correcting(e, correctedEventId)),
  );
  const placed = checkFact(corrected, without.stage === 'new' ? null : without);
  if (placed) return rejection('invalid-correction', `After the correction, ${placed.message}`);
  const after = deriveCase([...state.history, event]);
  const before = misfits(state);
  const created =
    after.stage === 'new'
      ? []
      : after.flags.filter((f) => MISFIT_FLAGS.has(f.code) && !before.has(`${f.code} ${f.eventId}`));
  const misfit = created[0];
  if (misfit) {
    return rejection('invalid-correction', `${describe(event)}: after the correction there would be ${misfit.message}`);
  }
  return null;
}

function correcting(event: PathwayEvent, eventId: string): boolean {
  return event.type === 'EventCorrected' && event.data.correctedEventId === eventId;
}

function checkRetraction(event: PathwayEventOf<'EventRetracted'>, state: CaseState): Rejection | null {
  const { retractedEventId } = event.data;
  const target = state.stage === 'new' ? undefined : findTarget(state, retractedEventId);
  if (state.stage === 'new' || !target) {
    return rejection('unknown-event', `${describe(event)}: no event ${retractedEventId} is recorded on this case`);
  }
  if (isRetracted(state, retractedEventId)) {
    return rejection('already-retracted', `${describe(event)}: event ${retractedEventId} is already retracted`);
  }
  if (target.type === 'EventRetracted') {
    return rejection('invalid-retraction', `${describe(event)}: a retraction cannot itself be retracted`);
  }
  return null;
}
