import { PLACEMENT_SETTINGS } from '#pathway';
import type { KpiName } from './kpi-service.js';

/**
 * What each measure of each KPI counts, for people who compare it with the DfE's figures: the numerator, the
 * denominator (none for a count), the cohort (which cases, dated by what), and the SEN2-derived column of the DfE's
 * "Education, health and care plans" publication it matches, where one does. Served in the OpenAPI description of
 * each KPI route and of its figures; a test checks it names exactly the measures each KPI reports.
 */
export interface MeasureDefinition {
  readonly numerator: string;
  readonly denominator: string | null;
  readonly cohort: string;
  readonly sen2: string;
}

const NOT_IN_SEN2 = 'none: SEN2 does not collect it';

export const KPI_DEFINITIONS: Readonly<Record<KpiName, Readonly<Record<string, MeasureDefinition>>>> = {
  'six-week-decisions': {
    requestsReceived: {
      numerator: 'requests for an EHC needs assessment received',
      denominator: null,
      cohort: 'requests by request date (day 0, reg 3)',
      sen2: 'requests_received',
    },
    decidedWithinSixWeeks: {
      numerator: 'requests decided on or before request + 6 weeks',
      denominator: 'requests decided in the period (to assess or not)',
      cohort: 'requests by decision date; withdrawn requests left out (reg 5(1))',
      sen2: 'request_outcome_six_weeks / (request_outcome_six_weeks + request_outcome_over_6_weeks)',
    },
    decisionsToAssess: {
      numerator: 'decisions to assess',
      denominator: null,
      cohort: 'requests by decision date',
      sen2: 'requests_assessed (assessment agreed)',
    },
    refusalsToAssess: {
      numerator: 'decisions not to assess',
      denominator: null,
      cohort: 'requests by decision date',
      sen2: 'requests_decided_not_to_assess',
    },
    requestsWithdrawn: {
      numerator: 'requests withdrawn before a decision',
      denominator: null,
      cohort: 'requests by withdrawal date',
      sen2: NOT_IN_SEN2,
    },
  },
  'no-plan-notices': {
    notifiedWithinSixteenWeeks: {
      numerator: 'notices that no plan will be issued, given on or before request + 16 weeks',
      denominator: 'notices that no plan will be issued, given in the period',
      cohort: 'assessments ending without a plan, by notice date (reg 10(1))',
      sen2: NOT_IN_SEN2,
    },
  },
  'twenty-week-timeliness': {
    newPlansIssued: {
      numerator: 'new plans issued',
      denominator: null,
      cohort: 'new plans (not transferred in, not tribunal-ordered) by final plan issue date',
      sen2: 'new_ehc_plans',
    },
    withinTwentyWeeksIncludingExceptions: {
      numerator:
        'new plans issued on or before request + 20 weeks (a plan with no recorded request counts as not within)',
      denominator: 'new plans issued (equals newPlansIssued)',
      cohort: 'new plans by final plan issue date, exceptions kept in (reg 13(2))',
      sen2: 'plans_issued_within_20_weeks / plans_issued_den (pc_plans_issued_within_20_weeks)',
    },
    untimedNewPlans: {
      numerator: 'new plans issued whose request is not recorded (data quality)',
      denominator: null,
      cohort: 'new plans by final plan issue date',
      sen2: NOT_IN_SEN2,
    },
    withinTwentyWeeksExcludingExceptions: {
      numerator: 'of those, plans issued on or before request + 20 weeks',
      denominator: 'new plans issued with a recorded request and no reg 10(4) exception',
      cohort: 'new plans by final plan issue date, exceptions left out (reg 13(3))',
      sen2: 'plans_issued_20_weeks_ex / plans_issued_den_ex (PC_plans_issued_20_weeks_ex)',
    },
    averageWeeks: {
      numerator: 'the sum of weeks from request to final plan (the answer also gives `mean`)',
      denominator: 'n: new plans issued with a recorded request',
      cohort: 'new plans by final plan issue date',
      sen2: NOT_IN_SEN2,
    },
    overTwentyWeeksUnderYear: {
      numerator: 'plans issued after 20 weeks and within 52 weeks of the request',
      denominator: 'new plans issued with a recorded request',
      cohort: 'new plans by final plan issue date',
      sen2: NOT_IN_SEN2,
    },
    overYear: {
      numerator: 'plans issued more than 52 weeks after the request',
      denominator: 'new plans issued with a recorded request',
      cohort: 'new plans by final plan issue date',
      sen2: NOT_IN_SEN2,
    },
    transferredIn: {
      numerator: 'plans transferred in from another LA',
      denominator: null,
      cohort: 'transferred-in plans by transfer date (a separate cohort, reg 15)',
      sen2: NOT_IN_SEN2,
    },
    tribunalOrderedWithinDeadline: {
      numerator: 'plans made under a tribunal order, issued by the order deadline',
      denominator: 'plans made under a tribunal order, issued in the period',
      cohort: 'tribunal-ordered plans by issue date (reg 44)',
      sen2: NOT_IN_SEN2,
    },
  },
  'draft-plan-breaches': {
    finalBeforeRepresentationsEnded: {
      numerator: 'final plans issued before the 15-day representation window on the draft ended',
      denominator: 'final plans issued after a draft',
      cohort: 'final plans by issue date (reg 13(1))',
      sen2: NOT_IN_SEN2,
    },
  },
  'annual-reviews': {
    reviewsDue: {
      numerator: 'annual reviews due',
      denominator: null,
      cohort: 'reviews by due date: 12 months from the plan or the previous review (CFA 2014 s.44)',
      sen2: 'review_expected',
    },
    heldOnTime: {
      numerator: 'reviews whose meeting was held by the due date',
      denominator: 'reviews due in the period',
      cohort: 'reviews by due date',
      sen2: 'total_review_meeting / review_expected (held in time)',
    },
    heldLate: {
      numerator: 'reviews whose meeting was held after the due date',
      denominator: 'reviews due in the period',
      cohort: 'reviews by due date',
      sen2: NOT_IN_SEN2,
    },
    overdueNotHeld: {
      numerator: 'reviews past their due date and not held as of today (or asOf)',
      denominator: 'reviews due in the period',
      cohort: 'reviews by due date',
      sen2: NOT_IN_SEN2,
    },
    decisionsWithinFourWeeks: {
      numerator: 'review decisions notified within 4 weeks of the meeting',
      denominator: 'review meetings held in the period',
      cohort: 'reviews by meeting date (reg 20(10))',
      sen2: 'number_decsion_4weeks / (number_decsion_4weeks + number_decision_gt_4weeks)',
    },
    amendedWithinEightWeeks: {
      numerator: 'amended plans issued by notice + 8 weeks (and no later than meeting + 12 weeks)',
      denominator: 'amended plans due in the period',
      cohort: 'amendments by due date (reg 22)',
      sen2: NOT_IN_SEN2,
    },
    phaseTransfersByDeadline: {
      numerator: 'phase transfers amended by the deadline (14 February; 30 March into post-16)',
      denominator: 'phase transfers whose deadline falls in the period',
      cohort: 'phase transfers by deadline (reg 18)',
      sen2: NOT_IN_SEN2,
    },
  },
  tribunal: {
    appealsRegistered: {
      numerator: 'appeals registered',
      denominator: null,
      cohort: 'appeals by registration date',
      sen2: 'none: from the MoJ tribunal statistics, not SEN2',
    },
    appealableDecisions: {
      numerator:
        'refusals to assess, assessments ending without a plan, final and amended plans, refusals to amend, cease decisions',
      denominator: null,
      cohort: 'decisions by decision date',
      sen2: NOT_IN_SEN2,
    },
    dfe2024Denominator: {
      numerator: 'refusals + no-plan decisions + plans ceased as needs met + plans held on the January census day',
      denominator: null,
      cohort: "the DfE 2024 appeal rate's denominator for the period",
      sen2: 'requests_decided_not_to_assess + no-plan decisions + ehcplans (January) + ceased, needs met',
    },
    outcomeAppellantFavour: {
      numerator: "appeals decided in the appellant's favour",
      denominator: 'appeals resolved in the period (decided, withdrawn or conceded)',
      cohort: 'appeals by resolution date',
      sen2: 'none: from the MoJ tribunal statistics, not SEN2',
    },
    outcomeLaUpheld: {
      numerator: "appeals decided upholding the LA's decision",
      denominator: 'appeals resolved in the period',
      cohort: 'appeals by resolution date',
      sen2: 'none: from the MoJ tribunal statistics, not SEN2',
    },
    outcomeWithdrawn: {
      numerator: 'appeals withdrawn',
      denominator: 'appeals resolved in the period',
      cohort: 'appeals by resolution date',
      sen2: 'none: from the MoJ tribunal statistics, not SEN2',
    },
    outcomeConceded: {
      numerator: 'appeals conceded by the LA',
      denominator: 'appeals resolved in the period',
      cohort: 'appeals by resolution date',
      sen2: 'none: from the MoJ tribunal statistics, not SEN2',
    },
  },
  caseload: {
    activePlans: {
      numerator: 'plans held on the last day of the period',
      denominator: null,
      cohort: 'plans issued or transferred in and not ceased or transferred out by that day',
      sen2: 'ehcplans (on the January census day)',
    },
    openRequests: {
      numerator: 'requests and assessments open on the last day of the period',
      denominator: null,
      cohort: 'requests not withdrawn, refused, closed without a plan or answered by a final plan by that day',
      sen2: NOT_IN_SEN2,
    },
    openWeeks0to6: {
      numerator: 'open requests before the 6-week decision',
      denominator: null,
      cohort: 'open requests by weeks since the request, on the last day of the period',
      sen2: NOT_IN_SEN2,
    },
    openWeeks6to16: {
      numerator: 'open requests from 6 to 16 weeks',
      denominator: null,
      cohort: 'open requests by weeks since the request, on the last day of the period',
      sen2: NOT_IN_SEN2,
    },
    openWeeks16to20: {
      numerator: 'open requests from 16 to 20 weeks',
      denominator: null,
      cohort: 'open requests by weeks since the request, on the last day of the period',
      sen2: NOT_IN_SEN2,
    },
    openWeeks20Plus: {
      numerator: 'open requests past 20 weeks',
      denominator: null,
      cohort: 'open requests by weeks since the request, on the last day of the period',
      sen2: NOT_IN_SEN2,
    },
  },
  placements: placementDefinitions(),
};

/** Tribunal orders are a report inside the tribunal KPI. */
export const TRIBUNAL_ORDER_DEFINITIONS: Readonly<Record<string, MeasureDefinition>> = {
  ordersCompliedOnTime: {
    numerator: 'tribunal orders complied with by their deadline',
    denominator: 'tribunal orders due in the period',
    cohort: 'orders by due date (reg 44)',
    sen2: NOT_IN_SEN2,
  },
};

/** A measure's definition as one paragraph of text. */
export function describeDefinition(name: string, d: MeasureDefinition): string {
  const ratio = d.denominator === null ? `counts ${d.numerator}` : `${d.numerator}, over ${d.denominator}`;
  return `\`${name}\`: ${ratio}. Cohort: ${d.cohort}. SEN2: ${d.sen2}.`;
}

/** The placement measures: plans held on the census day, and the share of them in each placement. */
function placementDefinitions(): Readonly<Record<string, MeasureDefinition>> {
  const cohort = 'plans held on the last day of the period (the January census on its day), by their latest placement';
  const share = (placed: string, sen2: string): MeasureDefinition => ({
    numerator: `plans held ${placed}`,
    denominator: 'plans held on the last day of the period (a plan with no placement recorded counts in it)',
    cohort,
    sen2,
  });
  const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    plansHeld: { numerator: 'plans held on the last day of the period', denominator: null, cohort, sen2: 'ehcplans' },
    mainstream: share('in a mainstream school of any type', 'mainstream columns of the caseload file / ehcplans'),
    special: share('in a special school of any type', 'special school columns of the caseload file / ehcplans'),
    alternativeProvision: share('in alternative provision or a pupil referral unit', 'ap_pru columns / ehcplans'),
    postSixteen: share('in post-16 education or training', 'post-16 columns / ehcplans'),
    educatedElsewhere: share(
      'educated elsewhere (home education, other arrangements, NEET)',
      'educated elsewhere columns / ehcplans',
    ),
    earlyYears: share('in a non-maintained early years setting', 'early years column / ehcplans'),
    independentOrNonMaintainedSpecial: share(
      'in an independent or non-maintained special school',
      'special independent + special non-maintained columns / ehcplans',
    ),
    outOfArea: share('placed outside the LA’s area', NOT_IN_SEN2),
    notRecorded: share('with no placement recorded', 'placement not recorded column / ehcplans'),
    ...Object.fromEntries(
      PLACEMENT_SETTINGS.map((setting) => [
        camel(setting),
        share(`in setting type ${setting}`, 'the caseload file column of that setting type / ehcplans'),
      ]),
    ),
  };
}
