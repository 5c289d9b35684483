import type { IsoDate, PathwayEvent, PathwayEventOf, PathwayEventType } from './events.js';

/** A fact about the pathway itself, as opposed to a correction or retraction of one. */
export type PathwayFact = Exclude<PathwayEvent, PathwayEventOf<'EventCorrected'> | PathwayEventOf<'EventRetracted'>>;
export type PathwayFactType = PathwayFact['type'];

export type CorrectionEvent = PathwayEventOf<'EventCorrected'>;
export type RetractionEvent = PathwayEventOf<'EventRetracted'>;

/** A fact as it counts now: with every correction applied, in business-date order. */
export interface TimelineFact {
  /** The fact with its corrected date and data. */
  readonly event: PathwayFact;
  /** Its position in the order the case learnt of its facts (0 = first). */
  readonly arrival: number;
  /** The business date it was first recorded with. */
  readonly recordedOccurredOn: IsoDate;
  /** The eventIds of the corrections applied to it, oldest first. */
  readonly correctedBy: string[];
}

export interface RetractionRecord {
  readonly retractedEventId: string;
  readonly retractedType: PathwayEventType;
  readonly occurredOn: IsoDate;
  readonly retractionEventId: string;
  readonly reason: string;
}

/**
 * Tie-break for facts on the same business date: the order the pathway takes them in (a request before its decision,
 * a decision before the draft, the draft before the final plan, a review meeting before its decision...).
 */
export const PATHWAY_RANK: Readonly<Record<PathwayFactType, number>> = {
  AssessmentRequested: 0,
  TimescaleExceptionApplied: 1,
  AdviceRequested: 2,
  AdviceReceived: 3,
  AssessmentDecisionMade: 4,
  PlanDecisionMade: 5,
  DraftPlanIssued: 6,
  FinalPlanIssued: 7,
  AssessmentRequestWithdrawn: 8,
  PlanTransferredIn: 9,
  PlanTransferNotified: 9.5,
  PlacementRecorded: 10,
  AnnualReviewMeetingHeld: 11,
  AnnualReviewDecisionNotified: 12,
  AmendmentNoticeIssued: 13,
  AmendedPlanIssued: 14,
  MediationCertificateIssued: 15,
  TribunalAppealRegistered: 16,
  TribunalAppealWithdrawn: 17,
  TribunalAppealConceded: 18,
  TribunalAppealDecided: 19,
  TribunalOrderComplied: 20,
  PlanCeased: 21,
  PlanTransferredOut: 22,
  CaseDetailsUpdated: 23,
};

export function isPathwayFact(event: PathwayEvent): event is PathwayFact {
  return event.type !== 'EventCorrected' && event.type !== 'EventRetracted';
}

/** Business-date order: by date, then pathway rank, then arrival. */
export function compareTimelineFacts(a: TimelineFact, b: TimelineFact): number {
  if (a.event.occurredOn !== b.event.occurredOn) return a.event.occurredOn < b.event.occurredOn ? -1 : 1;
  return PATHWAY_RANK[a.event.type] - PATHWAY_RANK[b.event.type] || a.arrival - b.arrival;
}

export interface EffectiveHistory {
  /** The facts that count, corrected, in business-date order. */
  readonly timeline: TimelineFact[];
  /** The same facts in the order they arrived. */
  readonly arrivals: TimelineFact[];
  readonly retractions: RetractionRecord[];
}

/**
 * The effective history of a case from everything it recorded, in arrival order: retracted facts (and retracted
 * corrections) drop out, corrections apply in the order they arrived, and the rest is sorted by business date.
 * ISO dates sort as strings, so the sort needs no date parsing: O(n log n).
 */
export function effectiveHistory(history: readonly PathwayEvent[]): EffectiveHistory {
  const retractedBy = new Map<string, RetractionEvent>();
  for (const event of history) {
    if (event.type === 'EventRetracted' && !retractedBy.has(event.data.retractedEventId)) {
      retractedBy.set(event.data.retractedEventId, event);
    }
  }
  const facts = new Map<string, TimelineFact>();
  const retractions: RetractionRecord[] = [];
  history.forEach((event, arrival) => {
    const retraction = retractedBy.get(event.eventId);
    if (retraction) {
      retractions.push({
        retractedEventId: event.eventId,
        retractedType: event.type,
        occurredOn: event.occurredOn,
        retractionEventId: retraction.eventId,
        reason: retraction.data.reason,
      });
      return;
    }
    if (isPathwayFact(event)) {
      facts.set(event.eventId, { event, arrival, recordedOccurredOn: event.occurredOn, correctedBy: [] });
    } else if (event.type === 'EventCorrected') {
      const target = facts.get(event.data.correctedEventId);
      if (target) facts.set(target.event.eventId, applyCorrection(target, event));
    }
  });
  const arrivals = [...facts.values()];
  return { timeline: [...arrivals].sort(compareTimelineFacts), arrivals, retractions };
}

/** The fact with the correction's date and data fields applied. */
export function applyCorrection(fact: TimelineFact, correction: CorrectionEvent): TimelineFact {
  const corrected = {
    ...fact.event,
    occurredOn: correction.data.occurredOn ?? fact.event.occurredOn,
    data: { ...fact.event.data, ...(correction.data.data ?? {}) },
  } as PathwayFact;
  return { ...fact, event: corrected, correctedBy: [...fact.correctedBy, correction.eventId] };
}
