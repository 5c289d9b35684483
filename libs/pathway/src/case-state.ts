import type {
  AdviceFrom,
  AppealGround,
  AppealOutcome,
  CeaseReason,
  ExceptionReason,
  IsoDate,
  OrderKind,
  PathwayEvent,
  PlacementArea,
  PlacementSetting,
  PhaseTransfer,
  PrimaryNeed,
  RequestSource,
  ReviewDecision,
} from './events.js';
import type { DataQualityFlag } from './flags.js';
import type { RetractionRecord, TimelineFact } from './timeline.js';

/** A step taken on a date, by the fact that records it. */
export interface StepRecord {
  readonly on: IsoDate;
  readonly eventId: string;
}

export type CycleOutcome = 'open' | 'refused' | 'withdrawn' | 'no-plan' | 'plan-issued';
/** Where an open request stands: awaiting the decision to assess, being assessed, or a plan being drafted. */
export type CycleStage = 'requested' | 'assessing' | 'drafting';

export interface AdviceRecord {
  readonly adviceFrom: AdviceFrom;
  readonly requested: StepRecord | null;
  readonly received: StepRecord | null;
}

export interface TimescaleException {
  readonly reason: ExceptionReason;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly eventId: string;
}

/** A tribunal order that reopened a refused request or an assessment that ended without a plan. */
export interface OrderReference {
  readonly appealId: string;
  readonly orderId: string;
  readonly kind: OrderKind;
  readonly on: IsoDate;
}

/** One request for an assessment and what followed it. */
export interface RequestCycle {
  /** 0 for the case's first recorded request. */
  readonly index: number;
  readonly request: StepRecord;
  readonly requestSource: RequestSource;
  readonly assessmentDecision: (StepRecord & { readonly decision: 'assess' | 'refuse' }) | null;
  readonly planDecision: (StepRecord & { readonly decision: 'issue' | 'no-plan' }) | null;
  readonly draftPlan: StepRecord | null;
  readonly finalPlan: StepRecord | null;
  readonly withdrawal: StepRecord | null;
  readonly exceptions: TimescaleException[];
  readonly advice: AdviceRecord[];
  readonly reopenedBy: OrderReference | null;
  readonly outcome: CycleOutcome;
  /** The stage while open; null once closed. */
  readonly stage: CycleStage | null;
  readonly closedOn: IsoDate | null;
}

export type PlanSource = 'new' | 'transferred-in' | 'tribunal-ordered';
export type PlanStatus = 'active' | 'ceased' | 'transferred-out' | 'replaced';

export interface AnnualReviewRecord {
  readonly index: number;
  readonly meeting: StepRecord;
  readonly phaseTransfer: PhaseTransfer | null;
  readonly decision: (StepRecord & { readonly decision: ReviewDecision }) | null;
}

/** An amendment of the plan: the notice of proposed amendments and the amended plan. */
export interface AmendmentRecord {
  readonly index: number;
  /** The review it follows, or null for an amendment outside a review. */
  readonly reviewIndex: number | null;
  readonly notice: StepRecord;
  readonly amendedPlan: StepRecord | null;
}

/** Where the plan's child or young person was placed from a date (until the next placement or the plan's end). */
export interface PlacementRecord extends StepRecord {
  readonly setting: PlacementSetting;
  readonly area: PlacementArea;
}

export interface PlanRecord {
  readonly index: number;
  readonly issued: StepRecord;
  readonly source: PlanSource;
  /** The request cycle the plan answers, if recorded. */
  readonly cycleIndex: number | null;
  readonly order: OrderReference | null;
  readonly transferredIn: (StepRecord & { readonly fromLa: string; readonly lastReviewDate: IsoDate | null }) | null;
  /** The new LA's notice to the family of a transferred-in plan (reg 15(4)), once recorded. */
  readonly transferNotified: (StepRecord & { readonly assessmentProposed: boolean }) | null;
  readonly reviews: AnnualReviewRecord[];
  readonly amendments: AmendmentRecord[];
  /** The placements recorded while the plan was held, oldest first. */
  readonly placements: PlacementRecord[];
  readonly ceased: (StepRecord & { readonly reason: CeaseReason }) | null;
  readonly transferredOut: (StepRecord & { readonly toLa: string | null }) | null;
  readonly status: PlanStatus;
  readonly endedOn: IsoDate | null;
}

export type AppealStatus = 'registered' | 'withdrawn' | 'conceded' | 'decided';

export interface OrderRecord {
  readonly orderId: string;
  readonly kind: OrderKind;
  readonly orderedOn: IsoDate;
  readonly complied: StepRecord | null;
}

export interface AppealRecord {
  readonly appealId: string;
  readonly against: AppealGround;
  readonly decisionDate: IsoDate;
  readonly registered: StepRecord;
  /** The mediation certificate for the same decision issued before registration, if any. */
  readonly mediationCertificateOn: IsoDate | null;
  readonly status: AppealStatus;
  readonly closed: StepRecord | null;
  readonly outcome: AppealOutcome | null;
  readonly orders: OrderRecord[];
}

export interface MediationCertificateRecord extends StepRecord {
  readonly decisionDate: IsoDate;
}

export interface CaseDetails {
  readonly birthMonth?: string;
  readonly primaryNeed?: PrimaryNeed;
  readonly team?: string;
  readonly requestSource?: RequestSource;
}

/** What every case with at least one fact knows. */
export interface CaseRecord {
  readonly la: string;
  readonly caseId: string;
  /** Every accepted event in the order the case learnt of it, corrections and retractions included. */
  readonly history: PathwayEvent[];
  /** The facts that count, corrected, in business-date order. */
  readonly timeline: TimelineFact[];
  readonly retractions: RetractionRecord[];
  readonly details: CaseDetails;
  /** Every request cycle, oldest first. */
  readonly cycles: RequestCycle[];
  /** Every plan, oldest first; at most one is active. */
  readonly plans: PlanRecord[];
  readonly appeals: AppealRecord[];
  readonly mediationCertificates: MediationCertificateRecord[];
  readonly flags: DataQualityFlag[];
}

export interface NewCase {
  readonly stage: 'new';
}
export interface CaseWithoutRequest extends CaseRecord {
  readonly stage: 'no-request';
}
export interface CaseWithOpenRequest extends CaseRecord {
  readonly stage: CycleStage;
  readonly openCycle: RequestCycle;
}
export interface CaseWithActivePlan extends CaseRecord {
  readonly stage: 'plan-active';
  readonly plan: PlanRecord;
  /** A request for re-assessment while the plan is in force. */
  readonly openCycle: RequestCycle | null;
}
export interface CaseWithEndedPlan extends CaseRecord {
  readonly stage: 'ceased' | 'transferred-out';
  readonly plan: PlanRecord;
}

/** A case's state, keyed on where its pathway stands. */
export type CaseState = NewCase | CaseWithoutRequest | CaseWithOpenRequest | CaseWithActivePlan | CaseWithEndedPlan;
export type CaseStage = CaseState['stage'];

export const initialState: CaseState = Object.freeze({ stage: 'new' });
