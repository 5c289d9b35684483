import type { AppealGround, CeaseReason, OrderKind, PrimaryNeed, RequestSource } from '#pathway';
import { NATIONAL_CALIBRATION, figureForYear, type NationalCalibration } from './calibration.js';
import { weights, weightsOf, type WeightedChoices } from './random.js';

/**
 * The behaviour of the synthetic LA: every probability and delay the case life draws from. Figures that the
 * national statistics publish come from the calibration; the rest are plausible settings, named here so that a
 * reader can see (and a test can check) where each KPI's level comes from.
 */
export interface PathwayModel {
  readonly calibration: NationalCalibration;
  /** Requests withdrawn before the decision to assess. */
  readonly withdrawnBeforeDecision: number;
  /** Requests withdrawn during the assessment. */
  readonly withdrawnDuringAssessment: number;
  /** Decisions to assess (or refuse) made within 6 weeks of the request. */
  readonly decisionWithin6Weeks: number;
  /** Share of requests refused, by calendar year of the request. */
  refusalShare(year: number): number;
  /** Share of assessments that end without a plan. */
  readonly noPlanShare: number;
  /** No-plan notices sent within 16 weeks. */
  readonly noPlanWithin16Weeks: number;
  /** Share of new plans whose assessment has a timescale exception (SEN2 check 2019: 1 - 49,519 / 53,327). */
  readonly exceptionShare: number;
  /** Of plans with an exception, the share issued within 20 weeks anyway (2019: 1,418 of 3,808). */
  readonly exceptionWithin20Weeks: number;
  /** Of plans without an exception, the share issued within 20 weeks, by calendar year of the 20-week date: chosen
   * so that the rate including exceptions matches the published one. */
  within20WeeksWithoutException(year: number): number;
  /** Final plans issued fewer than 15 days after the draft (the representation period cut short). */
  readonly draftPlanBreach: number;
  /** Annual reviews held within 12 months (SEN2 2025, reviews of 10-year-olds). */
  readonly reviewHeldInTime: number;
  /** Review decisions notified within 4 weeks of the meeting (same source). */
  readonly reviewDecisionWithin4Weeks: number;
  /** Review decisions to amend (outside phase transfers). */
  readonly reviewAmend: number;
  /** Phase-transfer reviews that amend the plan. */
  readonly phaseTransferAmend: number;
  /** Amended plans issued within 8 weeks of the notice. */
  readonly amendedWithin8Weeks: number;
  /** Phase-transfer amendments issued by the statutory deadline. */
  readonly phaseTransferOnTime: number;
  /** Chance per annual review that the plan's attributes change (a new primary need, another team). */
  readonly detailsChangeAtReview: number;
  /** Cease decision at a review, before the caseload control, by age in whole years. */
  ceaseAtReview(age: number): number;
  /** The SEN2 reason recorded for a cease decision at this age. */
  ceaseReasons(age: number): WeightedChoices<CeaseReason>;
  /** Age (years) from which a plan ends at its next review: the end of the year the young person turns 25. */
  readonly maxAge: number;
  /** Yearly hazards between reviews. */
  readonly transferOutPerYear: number;
  readonly movedOutOfEnglandPerYear: number;
  readonly deceasedPerYear: number;
  /** Plans transferred in from other LAs per year, as a share of the LA's plans. */
  readonly transferInPerYear: number;
  /** Transferred-in plans whose notice to the family (reg 15(4)) is sent within 6 weeks of the transfer (not
   * published: most LAs send it with the transfer's paperwork). */
  readonly transferNoticeWithin6Weeks: number;
  /** Transfer notices that propose a new EHC needs assessment. */
  readonly transferAssessmentProposed: number;
  /** New requests after a refusal, a no-plan decision, or a withdrawal. */
  readonly reRequestAfterRefusal: number;
  readonly reRequestAfterNoPlan: number;
  readonly reRequestAfterWithdrawal: number;
  /** Chance that each appealable decision is appealed. */
  readonly appealPropensity: Readonly<Record<AppealGround, number>>;
  /** Appeals preceded by a mediation certificate (the others are placement-only or exempt). */
  readonly mediationBeforeAppeal: number;
  /** Mediation certificates issued for a refusal that is then not appealed. */
  readonly mediationWithoutAppeal: number;
  readonly appealWithdrawn: number;
  readonly appealConceded: number;
  /** Of decided appeals, the share decided in the appellant's favour (MoJ, mean of 2021/22 and 2022/23). */
  readonly appealAppellantFavour: number;
  /** Orders complied with by their deadline. */
  readonly orderOnTime: number;
  readonly requestSources: WeightedChoices<RequestSource>;
  readonly primaryNeeds: WeightedChoices<PrimaryNeed>;
  readonly teams: WeightedChoices<string>;
  /** Age in whole years at the request (new plans by age, SEN2). */
  readonly ageAtRequest: WeightedChoices<number>;
  /** Age in whole years of plans on the census date (SEN2 January). */
  readonly ageOfPlans: WeightedChoices<number>;
  /** Relative volume of requests by month (1 = January): fewer in August and December. */
  readonly requestSeasonality: readonly number[];
}

function ageBands(bands: readonly (readonly [number, number, number])[]): WeightedChoices<number> {
  const entries: (readonly [number, number])[] = [];
  for (const [from, to, share] of bands) {
    for (let age = from; age <= to; age++) entries.push([age, share / (to - from + 1)]);
  }
  return weights(entries);
}

export function pathwayModel(calibration: NationalCalibration = NATIONAL_CALIBRATION): PathwayModel {
  const check = calibration.check2019;
  const exceptionPlans = check.including.issued - check.excluding.issued;
  const exceptionShare = exceptionPlans / check.including.issued;
  const exceptionWithin20Weeks = (check.including.within - check.excluding.within) / exceptionPlans;
  const leadingToPlan = Object.values(calibration.assessmentsLeadingToPlanShare);
  const noPlanShare = 1 - leadingToPlan.reduce((a, b) => a + b, 0) / leadingToPlan.length;
  const favour = Object.values(calibration.appealsDecidedInAppellantFavour);
  const withdrawnOrConceded = calibration.appealsWithdrawnOrConcededShareApprox;
  const seasonality = [1.05, 1.0, 1.1, 0.9, 1.05, 1.1, 1.1, 0.55, 0.95, 1.1, 1.1, 0.9];
  const meanSeasonality = seasonality.reduce((a, b) => a + b, 0) / seasonality.length;

  return {
    calibration,
    withdrawnBeforeDecision: 0.02,
    withdrawnDuringAssessment: 0.01,
    decisionWithin6Weeks: 0.88,
    refusalShare: (year) => figureForYear(calibration.requestsRefusedShare, year),
    noPlanShare,
    noPlanWithin16Weeks: 0.8,
    exceptionShare,
    exceptionWithin20Weeks,
    within20WeeksWithoutException: (year) => {
      const including = figureForYear(calibration.within20WeeksIncludingExceptions, year);
      return (including - exceptionShare * exceptionWithin20Weeks) / (1 - exceptionShare);
    },
    draftPlanBreach: 0.04,
    reviewHeldInTime: calibration.annualReviews2025Age10.completedShare,
    reviewDecisionWithin4Weeks: calibration.annualReviews2025Age10.decisionWithin4WeeksShare,
    reviewAmend: 0.25,
    phaseTransferAmend: 0.9,
    amendedWithin8Weeks: 0.6,
    phaseTransferOnTime: 0.75,
    detailsChangeAtReview: 0.03,
    ceaseAtReview: (age) => {
      if (age < 16) return 0.03;
      if (age < 17) return 0.06;
      if (age < 18) return 0.12;
      if (age < 19) return 0.2;
      if (age < 23) return 0.22;
      return 0.3;
    },
    ceaseReasons: (age) =>
      age < 16 ? CEASE_UNDER_16 : age < 19 ? CEASE_16_TO_18 : age < 23 ? CEASE_19_TO_22 : CEASE_23_UP,
    maxAge: 24.6,
    transferOutPerYear: 0.015,
    movedOutOfEnglandPerYear: 0.004,
    deceasedPerYear: 0.0008,
    transferInPerYear: 0.015,
    transferNoticeWithin6Weeks: 0.85,
    transferAssessmentProposed: 0.05,
    reRequestAfterRefusal: 0.12,
    reRequestAfterNoPlan: 0.1,
    reRequestAfterWithdrawal: 0.05,
    appealPropensity: {
      'refusal-to-assess': 0.22,
      'refusal-to-issue': 0.3,
      'plan-contents': 0.12,
      'refusal-to-reassess': 0,
      'refusal-to-amend': 0.012,
      cease: 0.12,
    },
    mediationBeforeAppeal: 0.65,
    mediationWithoutAppeal: 0.04,
    // About a third withdrawn or conceded, withdrawals the more common.
    appealWithdrawn: withdrawnOrConceded * 0.6,
    appealConceded: withdrawnOrConceded * 0.4,
    appealAppellantFavour: favour.reduce((a, b) => a + b, 0) / favour.length,
    orderOnTime: 0.75,
    requestSources: weightsOf<RequestSource>({
      'parent-or-young-person': 0.33,
      school: 0.52,
      health: 0.09,
      'social-care': 0.04,
      other: 0.02,
    }),
    primaryNeeds: weightsOf<PrimaryNeed>(calibration.primaryNeedShareJanuary2025),
    teams: weightsOf({ North: 0.27, South: 0.25, East: 0.24, West: 0.24 }),
    ageAtRequest: ageBands([
      [2, 4, 0.25],
      [5, 10, 0.43],
      [11, 15, 0.23],
      [16, 19, 0.08],
      [20, 24, 0.01],
    ]),
    ageOfPlans: ageBands([
      [2, 4, 0.047],
      [5, 10, 0.376],
      [11, 15, 0.335],
      [16, 19, 0.207],
      [20, 24, 0.035],
    ]),
    requestSeasonality: seasonality.map((m) => m / meanSeasonality),
  };
}

const CEASE_UNDER_16 = weights<CeaseReason>([
  [2, 0.85],
  [9, 0.15],
]);
const CEASE_16_TO_18 = weights<CeaseReason>([
  [6, 0.35],
  [2, 0.25],
  [4, 0.2],
  [9, 0.1],
  [3, 0.1],
]);
const CEASE_19_TO_22 = weights<CeaseReason>([
  [6, 0.35],
  [3, 0.2],
  [4, 0.2],
  [2, 0.15],
  [9, 0.1],
]);
const CEASE_23_UP = weights<CeaseReason>([
  [1, 0.5],
  [6, 0.25],
  [4, 0.1],
  [3, 0.05],
  [9, 0.1],
]);

/** The order a tribunal makes when it finds for the appellant, by what was appealed. */
export function orderKindFor(against: AppealGround, u: number): OrderKind {
  switch (against) {
    case 'refusal-to-assess':
      return 'assess';
    case 'refusal-to-reassess':
      return 'reassess';
    case 'refusal-to-issue':
      return 'make-and-maintain';
    case 'plan-contents':
      return u < 0.2 ? 'amend-school' : 'amend';
    case 'refusal-to-amend':
      return 'amend';
    case 'cease':
      return 'cease-dismissed';
  }
}
