/**
 * The integration contract: every pathway fact a case system can send, as plain read-only data.
 * One stream per case (one child's pathway in one LA). Names are past tense.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A birth month, `YYYY-MM` (never a full date of birth). */
export type IsoMonth = string;

export const REQUEST_SOURCES = ['parent-or-young-person', 'school', 'health', 'social-care', 'other'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** SEN2 primary type of need codes. */
export const PRIMARY_NEEDS = [
  'SPLD',
  'MLD',
  'SLD',
  'PMLD',
  'SEMH',
  'SLCN',
  'HI',
  'VI',
  'MSI',
  'PD',
  'ASD',
  'OTH',
  'NSA',
] as const;
export type PrimaryNeed = (typeof PRIMARY_NEEDS)[number];

export const ADVICE_FROM = [
  'school',
  'early-years',
  'educational-psychologist',
  'health',
  'social-care',
  'parent',
  'other',
] as const;
export type AdviceFrom = (typeof ADVICE_FROM)[number];

export const EXCEPTION_REASONS = [
  'school-closure', // reg 10(4)(a)
  'early-years-closure', // reg 10(4)(b)
  'personal-circumstances', // reg 10(4)(c)
  'absent-from-area', // reg 10(4)(d)
] as const;
export type ExceptionReason = (typeof EXCEPTION_REASONS)[number];

export const PHASES = ['early-years', 'primary', 'middle', 'secondary', 'post-16'] as const;
export type Phase = (typeof PHASES)[number];

export const REVIEW_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** SEN2 reasons a plan ceases: 1 max age, 2 needs met without a plan, 3 higher education, 4 employment,
 * 5 transferred to another LA, 6 no longer engaging, 7 moved out of England, 8 deceased, 9 other. */
export const CEASE_REASONS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type CeaseReason = (typeof CEASE_REASONS)[number];

export const APPEAL_GROUNDS = [
  'refusal-to-assess',
  'refusal-to-issue',
  'plan-contents', // sections B, F, I or no school named
  'refusal-to-reassess',
  'refusal-to-amend',
  'cease',
] as const;
export type AppealGround = (typeof APPEAL_GROUNDS)[number];

export const APPEAL_OUTCOMES = ['appellant-favour', 'la-upheld'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Orders the tribunal can make, with their reg 44 deadlines. */
export const ORDER_KINDS = [
  'assess', // notify 2 weeks, no-plan 10 weeks, final plan 14 weeks
  'reassess', // same as assess
  'make-and-maintain', // draft 5 weeks, final 11 weeks
  'amend', // 5 weeks
  'amend-school', // 2 weeks
  'cease-dismissed', // immediately
] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/**
 * Where a child or young person with a plan is placed: the setting types of the SEN2 placement module, as the DfE
 * publishes the January caseload (mainstream and special schools by type, alternative provision, post-16, educated
 * elsewhere, early years, not in education, employment or training). See placements.ts for how they group.
 */
export const PLACEMENT_SETTINGS = [
  'mainstream-la-maintained',
  'mainstream-la-maintained-resourced-provision',
  'mainstream-la-maintained-sen-unit',
  'mainstream-academy',
  'mainstream-academy-resourced-provision',
  'mainstream-academy-sen-unit',
  'mainstream-free-school',
  'mainstream-free-school-resourced-provision',
  'mainstream-free-school-sen-unit',
  'mainstream-independent',
  'special-la-maintained',
  'special-academy-or-free-school',
  'special-independent',
  'special-non-maintained',
  'alternative-provision-academy',
  'alternative-provision-free-school',
  'pupil-referral-unit',
  'further-education-college',
  'sixth-form-college',
  'specialist-post-16',
  'apprenticeship-or-training-provider',
  'elective-home-education',
  'other-arrangements-la',
  'other-arrangements-parents',
  'non-maintained-early-years',
  'other-setting',
  'neet',
] as const;
export type PlacementSetting = (typeof PLACEMENT_SETTINGS)[number];

/** Whether the setting is in the LA's own area or another LA's. */
export const PLACEMENT_AREAS = ['in-area', 'out-of-area'] as const;
export type PlacementArea = (typeof PLACEMENT_AREAS)[number];

export interface TribunalOrder {
  readonly orderId: string;
  readonly kind: OrderKind;
}

/**
 * A transfer the review prepares for (reg 18). Between phases, the calendar year of the move is enough; a move from
 * one post-16 institution to another (`fromPhase` and `toPhase` both `post-16`) needs its date (`transferOn`).
 */
export interface PhaseTransfer {
  readonly toPhase: Phase;
  readonly transferYear: number;
  readonly fromPhase?: Phase;
  readonly transferOn?: IsoDate;
}

/** Attributes of a case used for breakdowns. All optional; none identifies a child. */
export interface CaseAttributes {
  readonly birthMonth?: IsoMonth;
  readonly primaryNeed?: PrimaryNeed;
  readonly team?: string;
}

export interface EventDataByType {
  AssessmentRequested: CaseAttributes & { readonly requestSource: RequestSource };
  AssessmentRequestWithdrawn: Record<string, never>;
  AssessmentDecisionMade: { readonly decision: 'assess' | 'refuse' };
  AdviceRequested: { readonly adviceFrom: AdviceFrom };
  AdviceReceived: { readonly adviceFrom: AdviceFrom };
  TimescaleExceptionApplied: { readonly reason: ExceptionReason; readonly from: IsoDate; readonly to: IsoDate };
  PlanDecisionMade: { readonly decision: 'issue' | 'no-plan' };
  DraftPlanIssued: Record<string, never>;
  FinalPlanIssued: Record<string, never>;
  AnnualReviewMeetingHeld: { readonly phaseTransfer?: PhaseTransfer };
  AnnualReviewDecisionNotified: { readonly decision: ReviewDecision };
  AmendmentNoticeIssued: Record<string, never>;
  AmendedPlanIssued: Record<string, never>;
  PlanCeased: { readonly reason: CeaseReason };
  PlanTransferredIn: { readonly fromLa: string; readonly lastReviewDate?: IsoDate };
  PlanTransferredOut: { readonly toLa?: string };
  /** The new LA told the family the plan is now theirs, whether it will assess, and when it will review (reg 15(4)). */
  PlanTransferNotified: { readonly assessmentProposed: boolean };
  MediationCertificateIssued: { readonly decisionDate: IsoDate };
  TribunalAppealRegistered: {
    readonly appealId: string;
    readonly against: AppealGround;
    readonly decisionDate: IsoDate;
  };
  TribunalAppealWithdrawn: { readonly appealId: string };
  TribunalAppealConceded: { readonly appealId: string };
  TribunalAppealDecided: {
    readonly appealId: string;
    readonly outcome: AppealOutcome;
    readonly orders: readonly TribunalOrder[];
  };
  TribunalOrderComplied: { readonly appealId: string; readonly orderId: string };
  CaseDetailsUpdated: CaseAttributes & { readonly requestSource?: RequestSource };
  /** The plan's placement from `occurredOn` until the next placement or the plan's end (SEN2 placement module). */
  PlacementRecorded: { readonly setting: PlacementSetting; readonly area: PlacementArea };
  /** Corrects a wrongly entered fact: a new business date, and/or replacement data fields. */
  EventCorrected: {
    readonly correctedEventId: string;
    readonly occurredOn?: IsoDate;
    readonly data?: Readonly<Record<string, unknown>>;
  };
  /** Retracts a fact recorded in error. History keeps both. */
  EventRetracted: { readonly retractedEventId: string; readonly reason: string };
}

export type PathwayEventType = keyof EventDataByType;

export const PATHWAY_EVENT_TYPES = [
  'AssessmentRequested',
  'AssessmentRequestWithdrawn',
  'AssessmentDecisionMade',
  'AdviceRequested',
  'AdviceReceived',
  'TimescaleExceptionApplied',
  'PlanDecisionMade',
  'DraftPlanIssued',
  'FinalPlanIssued',
  'AnnualReviewMeetingHeld',
  'AnnualReviewDecisionNotified',
  'AmendmentNoticeIssued',
  'AmendedPlanIssued',
  'PlanCeased',
  'PlanTransferredIn',
  'PlanTransferredOut',
  'PlanTransferNotified',
  'MediationCertificateIssued',
  'TribunalAppealRegistered',
  'TribunalAppealWithdrawn',
  'TribunalAppealConceded',
  'TribunalAppealDecided',
  'TribunalOrderComplied',
  'CaseDetailsUpdated',
  'PlacementRecorded',
  'EventCorrected',
  'EventRetracted',
] as const satisfies readonly PathwayEventType[];

/** The envelope every fact travels in, over HTTP, Kafka or a backfill file. */
export interface PathwayEventOf<T extends PathwayEventType> {
  /** The source's UUID for this fact: the idempotency key. */
  readonly eventId: string;
  /** The source's pseudonymous case reference, never a name. */
  readonly caseId: string;
  /** The DfE three-digit LA code: the tenant. */
  readonly la: string;
  readonly type: T;
  /** The business date of the fact. */
  readonly occurredOn: IsoDate;
  /** The sending system. */
  readonly source: string;
  readonly data: EventDataByType[T];
  /** Set by the backend when the fact is stored (ISO instant). */
  readonly recordedAt?: string;
}

export type PathwayEvent = { [T in PathwayEventType]: PathwayEventOf<T> }[PathwayEventType];

/** What every case's stream name starts with. */
export const CASE_STREAM_PREFIX = 'ehcp-case-';

export function streamNameFor(la: string, caseId: string): string {
  return `${CASE_STREAM_PREFIX}${la}-${caseId}`;
}
