import type { EventDataByType, IsoDate, PathwayEventOf, PathwayEventType } from '../events.js';

/**
 * Builds the facts of one test case. Event ids are deterministic UUIDs, so a test can name them.
 */
export const TEST_LA = '202';
export const TEST_CASE = 'case-001';

let counter = 0;

export function testEventId(n?: number): string {
  const value = n ?? ++counter;
  return `00000000-0000-4000-8000-${value.toString(16).padStart(12, '0')}`;
}

export function fact<T extends PathwayEventType>(
  type: T,
  occurredOn: IsoDate,
  data: EventDataByType[T],
  overrides: Partial<Omit<PathwayEventOf<T>, 'type' | 'data'>> = {},
): PathwayEventOf<T> {
  return {
    eventId: testEventId(),
    caseId: TEST_CASE,
    la: TEST_LA,
    type,
    occurredOn,
    source: 'test-case-system',
    data,
    ...overrides,
  };
}

const none = {} as Record<string, never>;

/** One builder per event type, with typical data. */
export const facts = {
  requested: (on: IsoDate, data: Partial<EventDataByType['AssessmentRequested']> = {}) =>
    fact('AssessmentRequested', on, { requestSource: 'parent-or-young-person', ...data }),
  withdrawn: (on: IsoDate) => fact('AssessmentRequestWithdrawn', on, none),
  decidedToAssess: (on: IsoDate) => fact('AssessmentDecisionMade', on, { decision: 'assess' }),
  refusedToAssess: (on: IsoDate) => fact('AssessmentDecisionMade', on, { decision: 'refuse' }),
  adviceRequested: (on: IsoDate, adviceFrom: EventDataByType['AdviceRequested']['adviceFrom'] = 'school') =>
    fact('AdviceRequested', on, { adviceFrom }),
  adviceReceived: (on: IsoDate, adviceFrom: EventDataByType['AdviceReceived']['adviceFrom'] = 'school') =>
    fact('AdviceReceived', on, { adviceFrom }),
  exception: (
    on: IsoDate,
    from: IsoDate,
    to: IsoDate,
    reason: EventDataByType['TimescaleExceptionApplied']['reason'] = 'school-closure',
  ) => fact('TimescaleExceptionApplied', on, { reason, from, to }),
  decidedToIssue: (on: IsoDate) => fact('PlanDecisionMade', on, { decision: 'issue' }),
  noPlan: (on: IsoDate) => fact('PlanDecisionMade', on, { decision: 'no-plan' }),
  draft: (on: IsoDate) => fact('DraftPlanIssued', on, none),
  final: (on: IsoDate) => fact('FinalPlanIssued', on, none),
  reviewMeeting: (on: IsoDate, phaseTransfer?: EventDataByType['AnnualReviewMeetingHeld']['phaseTransfer']) =>
    fact('AnnualReviewMeetingHeld', on, phaseTransfer ? { phaseTransfer } : {}),
  reviewDecision: (on: IsoDate, decision: EventDataByType['AnnualReviewDecisionNotified']['decision'] = 'amend') =>
    fact('AnnualReviewDecisionNotified', on, { decision }),
  amendmentNotice: (on: IsoDate) => fact('AmendmentNoticeIssued', on, none),
  amendedPlan: (on: IsoDate) => fact('AmendedPlanIssued', on, none),
  ceased: (on: IsoDate, reason: EventDataByType['PlanCeased']['reason'] = 2) => fact('PlanCeased', on, { reason }),
  transferredIn: (on: IsoDate, fromLa = '201', lastReviewDate?: IsoDate) =>
    fact('PlanTransferredIn', on, lastReviewDate ? { fromLa, lastReviewDate } : { fromLa }),
  transferNotified: (on: IsoDate, assessmentProposed = false) =>
    fact('PlanTransferNotified', on, { assessmentProposed }),
  transferredOut: (on: IsoDate, toLa?: string) => fact('PlanTransferredOut', on, toLa ? { toLa } : {}),
  mediation: (on: IsoDate, decisionDate: IsoDate) => fact('MediationCertificateIssued', on, { decisionDate }),
  appealRegistered: (
    on: IsoDate,
    appealId: string,
    decisionDate: IsoDate,
    against: EventDataByType['TribunalAppealRegistered']['against'] = 'refusal-to-assess',
  ) => fact('TribunalAppealRegistered', on, { appealId, against, decisionDate }),
  appealWithdrawn: (on: IsoDate, appealId: string) => fact('TribunalAppealWithdrawn', on, { appealId }),
  appealConceded: (on: IsoDate, appealId: string) => fact('TribunalAppealConceded', on, { appealId }),
  appealDecided: (
    on: IsoDate,
    appealId: string,
    orders: EventDataByType['TribunalAppealDecided']['orders'] = [],
    outcome: EventDataByType['TribunalAppealDecided']['outcome'] = 'appellant-favour',
  ) => fact('TribunalAppealDecided', on, { appealId, outcome, orders }),
  orderComplied: (on: IsoDate, appealId: string, orderId: string) =>
    fact('TribunalOrderComplied', on, { appealId, orderId }),
  placement: (
    on: IsoDate,
    setting: EventDataByType['PlacementRecorded']['setting'],
    area: EventDataByType['PlacementRecorded']['area'] = 'in-area',
  ) => fact('PlacementRecorded', on, { setting, area }),
  detailsUpdated: (on: IsoDate, data: EventDataByType['CaseDetailsUpdated']) => fact('CaseDetailsUpdated', on, data),
  corrected: (
    on: IsoDate,
    correctedEventId: string,
    change: Omit<EventDataByType['EventCorrected'], 'correctedEventId'>,
  ) => fact('EventCorrected', on, { correctedEventId, ...change }),
  retracted: (on: IsoDate, retractedEventId: string, reason = 'recorded in error') =>
    fact('EventRetracted', on, { retractedEventId, reason }),
};
