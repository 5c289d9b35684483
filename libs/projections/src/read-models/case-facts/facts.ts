/**
 * Fact rows: what the KPI queries count. Each is derived from one case's clock (its effective history), carries
 * the case's breakdown attributes, and keeps the dates rather than statuses that depend on "today": a review is
 * "overdue" only relative to an as-of date, so that status is computed at query time.
 */
export type IsoDate = string;

/** Breakdown attributes of the case, as known from its latest effective history. */
export interface FactCase {
  readonly la: string;
  readonly caseId: string;
  /** `YYYY-MM`, or null when the source never sent it. */
  readonly birthMonth: string | null;
  readonly primaryNeed: string | null;
  readonly requestSource: string | null;
  readonly team: string | null;
}

/** One request for assessment and how it ended (decision, withdrawal, or still open). */
export interface RequestDecisionFact {
  readonly kind: 'request-decision';
  readonly requestDate: IsoDate;
  /** Request + 6 weeks. */
  readonly dueDate: IsoDate;
  readonly decisionDate: IsoDate | null;
  readonly decision: 'assess' | 'refuse' | null;
  readonly withdrawnOn: IsoDate | null;
  /** When the request stopped being open: withdrawn, refused, no-plan notice or final plan. */
  readonly closedOn: IsoDate | null;
  /** The decision whether to issue a plan (due with the 16-week notice), once made. */
  readonly planDecisionDate: IsoDate | null;
  /** Request + 16 weeks and + 20 weeks, for the clock of an open assessment. */
  readonly sixteenWeekDate: IsoDate;
  readonly twentyWeekDate: IsoDate;
}

/** An assessment that ended with a notice that no plan will be issued. */
export interface NoPlanNoticeFact {
  readonly kind: 'no-plan-notice';
  readonly requestDate: IsoDate;
  /** Request + 16 weeks. */
  readonly dueDate: IsoDate;
  readonly noticeDate: IsoDate;
}

export type NewPlanCohort = 'new' | 'transferred-in' | 'tribunal-ordered';

/** A final plan issued (cohort new or tribunal-ordered) or a plan taken on from another LA (transferred-in). */
export interface NewPlanFact {
  readonly kind: 'new-plan';
  readonly cohort: NewPlanCohort;
  /** The date the plan joined this LA's caseload: final plan issue date, or transfer-in date. */
  readonly issuedOn: IsoDate;
  readonly requestDate: IsoDate | null;
  /** The statutory deadline the plan is measured against (request + 20 weeks, or the order's deadline). */
  readonly dueDate: IsoDate | null;
  /** Days from request to final plan, null when the request is unknown. */
  readonly daysTaken: number | null;
  readonly hasException: boolean;
  readonly draftIssuedOn: IsoDate | null;
  /** Last day of the 15-day representation window, when a draft was served. */
  readonly representationsEnd: IsoDate | null;
}

/** One annual review cycle: due date, and what happened. Status (on time, late, overdue) is computed at query time. */
export interface AnnualReviewFact {
  readonly kind: 'annual-review';
  readonly dueDate: IsoDate;
  readonly meetingDate: IsoDate | null;
  /** Meeting + 4 weeks, when the meeting was held. */
  readonly decisionDueDate: IsoDate | null;
  readonly decisionDate: IsoDate | null;
  readonly decision: 'maintain' | 'amend' | 'cease' | null;
}

/** An amendment notice and the amended plan that should follow within 8 weeks (and meeting + 12 weeks). */
export interface AmendmentFact {
  readonly kind: 'amendment';
  readonly noticeDate: IsoDate;
  readonly dueDate: IsoDate;
  readonly amendedOn: IsoDate | null;
}

/** A phase transfer review whose plan must be amended before 15 February (31 March for post-16), reg 18(1):
 * `deadline` is the last day on time, 14 February (30 March). */
export interface PhaseTransferFact {
  readonly kind: 'phase-transfer';
  readonly toPhase: string;
  readonly transferYear: number;
  readonly deadline: IsoDate;
  readonly amendedOn: IsoDate | null;
}

export type AppealOutcomeKind = 'appellant-favour' | 'la-upheld' | 'withdrawn' | 'conceded';

export interface TribunalOrderFact {
  readonly orderId: string;
  readonly kind: string;
  readonly dueDate: IsoDate | null;
  readonly compliedOn: IsoDate | null;
}

export interface TribunalAppealFact {
  readonly kind: 'tribunal-appeal';
  readonly appealId: string;
  readonly against: string;
  readonly registeredOn: IsoDate;
  readonly decisionAppealed: IsoDate | null;
  readonly outcome: AppealOutcomeKind | null;
  readonly outcomeOn: IsoDate | null;
  readonly orders: readonly TribunalOrderFact[];
}

export type AppealableDecisionKind =
  'refusal-to-assess' | 'no-plan' | 'final-plan' | 'amended-plan' | 'refusal-to-amend' | 'cease';

export interface AppealableDecisionFact {
  readonly kind: 'appealable-decision';
  readonly decision: AppealableDecisionKind;
  readonly decidedOn: IsoDate;
  /** For a cease decision: the SEN2 reason (2 = needs met without a plan). */
  readonly ceaseReason: number | null;
}

/** A placement of a plan's child or young person from a date, until the next one or the plan's end. */
export interface PlanPlacement {
  readonly from: IsoDate;
  /** A SEN2 setting type (see PLACEMENT_SETTINGS in the pathway). */
  readonly setting: string;
  readonly area: 'in-area' | 'out-of-area';
}

/** A plan held by this LA over an interval: for caseload on a date and the January census. */
export interface PlanFact {
  readonly kind: 'plan';
  /** Issued or transferred in. */
  readonly heldFrom: IsoDate;
  /** Ceased or transferred out (the plan is not held on this date), or null while held. */
  readonly heldUntil: IsoDate | null;
  readonly ceaseReason: number | null;
  readonly transferredIn: boolean;
  readonly transferredOut: boolean;
  /** The placements recorded while held, oldest first (absent on rows written before placements were recorded). */
  readonly placements?: readonly PlanPlacement[];
}

export type CaseFact =
  | RequestDecisionFact
  | NoPlanNoticeFact
  | NewPlanFact
  | AnnualReviewFact
  | AmendmentFact
  | PhaseTransferFact
  | TribunalAppealFact
  | AppealableDecisionFact
  | PlanFact;

export type FactKind = CaseFact['kind'];

/** A fact with the case it belongs to: one row of `case_facts`. */
export type FactRow<F extends CaseFact = CaseFact> = FactCase & { readonly fact: F };

export const FACT_KINDS = [
  'request-decision',
  'no-plan-notice',
  'new-plan',
  'annual-review',
  'amendment',
  'phase-transfer',
  'tribunal-appeal',
  'appealable-decision',
  'plan',
] as const satisfies readonly FactKind[];

/**
 * The interval a fact spans, used by SQL to pre-select rows for a period (a superset: each KPI then applies its
 * exact rule in TypeScript, so live and as-of answers run the same code). `until` is null while something is still
 * pending (an open request, a review not yet held, an order not complied with), since its status keeps changing.
 */
export function factSpan(fact: CaseFact): { readonly from: IsoDate; readonly until: IsoDate | null } {
  switch (fact.kind) {
    case 'request-decision':
      return span(
        [fact.requestDate, fact.dueDate, fact.decisionDate, fact.withdrawnOn, fact.closedOn],
        fact.closedOn === null,
      );
    case 'no-plan-notice':
      return span([fact.requestDate, fact.dueDate, fact.noticeDate], false);
    case 'new-plan':
      return span([fact.issuedOn, fact.requestDate, fact.dueDate, fact.draftIssuedOn, fact.representationsEnd], false);
    case 'annual-review':
      return span(
        [fact.dueDate, fact.meetingDate, fact.decisionDueDate, fact.decisionDate],
        fact.meetingDate === null || fact.decisionDate === null,
      );
    case 'amendment':
      return span([fact.noticeDate, fact.dueDate, fact.amendedOn], fact.amendedOn === null);
    case 'phase-transfer':
      return span([fact.deadline, fact.amendedOn], fact.amendedOn === null);
    case 'tribunal-appeal':
      return span(
        [fact.registeredOn, fact.outcomeOn, ...fact.orders.flatMap((o) => [o.dueDate, o.compliedOn])],
        fact.outcome === null || fact.orders.some((o) => o.compliedOn === null),
      );
    case 'appealable-decision':
      return span([fact.decidedOn], false);
    case 'plan':
      return span([fact.heldFrom, fact.heldUntil], fact.heldUntil === null);
  }
}

function span(dates: ReadonlyArray<IsoDate | null>, open: boolean): { from: IsoDate; until: IsoDate | null } {
  const known = dates.filter((d): d is IsoDate => d !== null).sort();
  return { from: known[0]!, until: open ? null : known[known.length - 1]! };
}
