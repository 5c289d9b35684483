import { addDays, addMonths, daysBetween } from '#calendar';
import type { PathwayEvent } from '#pathway';

/**
 * A small tally of the headline KPIs straight from a feed's events, written independently of the generator: it sees
 * only the envelopes, drops repeated eventIds and retracted facts, applies corrected dates, and counts by business
 * date. Tests compare it with the national figures the generator is calibrated on.
 */
export interface YearTally {
  readonly year: number;
  /** New plans issued in the year (not transferred in, not made under a tribunal order). */
  readonly newPlans: number;
  /** ... of which issued within 20 weeks of the request (day 0 counting: final <= request + 140 days). */
  readonly within20Weeks: number;
  /** New plans with no timescale exception, and of them those within 20 weeks. */
  readonly newPlansWithoutException: number;
  readonly within20WeeksWithoutException: number;
  readonly assessmentDecisions: number;
  readonly refusals: number;
  readonly decisionsWithin6Weeks: number;
  readonly noPlanDecisions: number;
  /** Plans in force on 15 January (the census date, near enough). */
  readonly plansInJanuary: number;
  readonly ceasedNeedsMet: number;
  readonly ceased: number;
  readonly appealsRegistered: number;
  readonly appealsWithdrawn: number;
  readonly appealsConceded: number;
  readonly appealsDecided: number;
  readonly appealsDecidedForAppellant: number;
  readonly reviewMeetings: number;
  /** Meetings held on or before the review's due date (12 months beginning with the issue or the last meeting). */
  readonly reviewMeetingsInTime: number;
  readonly reviewDecisions: number;
  readonly reviewDecisionsWithin4Weeks: number;
}

export interface FeedTally {
  readonly events: number;
  readonly duplicates: number;
  readonly corrections: number;
  readonly retractions: number;
  readonly cases: number;
  readonly plansInForceAtEnd: number;
  /** Facts sent after a fact of the same case with a later business date. */
  readonly arrivedOutOfOrder: number;
  readonly years: ReadonlyMap<number, YearTally>;
}

type TalliedType = Exclude<
  PathwayEvent['type'],
  | 'AdviceReceived'
  | 'AdviceRequested'
  | 'AmendedPlanIssued'
  | 'AmendmentNoticeIssued'
  | 'AssessmentRequestWithdrawn'
  | 'CaseDetailsUpdated'
  | 'DraftPlanIssued'
  | 'EventCorrected'
  | 'EventRetracted'
  | 'MediationCertificateIssued'
  | 'PlacementRecorded'
  | 'PlanTransferNotified'
  | 'TribunalOrderComplied'
>;

type TalliedEvent = Extract<PathwayEvent, { type: TalliedType }>;

const TALLIED: ReadonlySet<string> = new Set<TalliedType>([
  'AssessmentRequested',
  'AssessmentDecisionMade',
  'TimescaleExceptionApplied',
  'PlanDecisionMade',
  'FinalPlanIssued',
  'PlanTransferredIn',
  'AnnualReviewMeetingHeld',
  'AnnualReviewDecisionNotified',
  'PlanCeased',
  'PlanTransferredOut',
  'TribunalAppealRegistered',
  'TribunalAppealWithdrawn',
  'TribunalAppealConceded',
  'TribunalAppealDecided',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Same-day order of the pathway's steps. */
const STEP_ORDER: Readonly<Record<string, number>> = {
  AssessmentRequested: 0,
  AssessmentDecisionMade: 1,
  AdviceRequested: 2,
  AdviceReceived: 3,
  TimescaleExceptionApplied: 4,
  PlanDecisionMade: 5,
  DraftPlanIssued: 6,
  FinalPlanIssued: 7,
  PlanTransferredIn: 8,
  AnnualReviewMeetingHeld: 9,
  AnnualReviewDecisionNotified: 10,
};

export function tallyFeed(events: Iterable<PathwayEvent>): FeedTally {
  const seen = new Set<string>();
  const byCase = new Map<string, PathwayEvent[]>();
  let total = 0;
  let duplicates = 0;
  let arrivedOutOfOrder = 0;
  const latestByCase = new Map<string, string>();
  for (const event of events) {
    total++;
    if (seen.has(event.eventId)) {
      duplicates++;
      continue;
    }
    seen.add(event.eventId);
    const key = `${event.la}/${event.caseId}`;
    let list = byCase.get(key);
    if (!list) byCase.set(key, (list = []));
    list.push(event);
    if (event.type !== 'EventCorrected' && event.type !== 'EventRetracted') {
      const latest = latestByCase.get(key);
      if (latest !== undefined && event.occurredOn < latest) arrivedOutOfOrder++;
      if (latest === undefined || event.occurredOn > latest) latestByCase.set(key, event.occurredOn);
    }
  }

  const years = new Map<number, Mutable<YearTally>>();
  const yearOf = (date: string): Mutable<YearTally> => {
    const year = Number(date.slice(0, 4));
    let tally = years.get(year);
    if (!tally) {
      tally = {
        year,
        newPlans: 0,
        within20Weeks: 0,
        newPlansWithoutException: 0,
        within20WeeksWithoutException: 0,
        assessmentDecisions: 0,
        refusals: 0,
        decisionsWithin6Weeks: 0,
        noPlanDecisions: 0,
        plansInJanuary: 0,
        ceasedNeedsMet: 0,
        ceased: 0,
        appealsRegistered: 0,
        appealsWithdrawn: 0,
        appealsConceded: 0,
        appealsDecided: 0,
        appealsDecidedForAppellant: 0,
        reviewMeetings: 0,
        reviewMeetingsInTime: 0,
        reviewDecisions: 0,
        reviewDecisionsWithin4Weeks: 0,
      };
      years.set(year, tally);
    }
    return tally;
  };

  let corrections = 0;
  let retractions = 0;
  let plansInForceAtEnd = 0;
  const planSpans: [string, string | null][] = [];
  for (const history of byCase.values()) {
    const correctedDate = new Map<string, string>();
    const retracted = new Set<string>();
    for (const event of history) {
      if (event.type === 'EventCorrected' && event.data.occurredOn !== undefined) {
        corrections++;
        correctedDate.set(event.data.correctedEventId, event.data.occurredOn);
      } else if (event.type === 'EventRetracted') {
        retractions++;
        retracted.add(event.data.retractedEventId);
      }
    }
    const facts = history
      .filter((e): e is TalliedEvent => TALLIED.has(e.type) && !retracted.has(e.eventId))
      .map((e): TalliedEvent => ({ ...e, occurredOn: correctedDate.get(e.eventId) ?? e.occurredOn }))
      .sort(
        (a, b) =>
          (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0) ||
          (STEP_ORDER[a.type] ?? 20) - (STEP_ORDER[b.type] ?? 20),
      );

    let request: string | null = null;
    let refusedOrNoPlan = false;
    let exception = false;
    let planFrom: string | null = null;
    let reviewClockFrom: string | null = null;
    let lastMeeting: string | null = null;
    for (const event of facts) {
      const d = event.occurredOn;
      switch (event.type) {
        case 'AssessmentRequested':
          request = d;
          refusedOrNoPlan = false;
          exception = false;
          break;
        case 'AssessmentDecisionMade': {
          const tally = yearOf(d);
          tally.assessmentDecisions++;
          if (event.data.decision === 'refuse') {
            tally.refusals++;
            refusedOrNoPlan = true;
          }
          if (request !== null && d <= addDays(request, 42)) tally.decisionsWithin6Weeks++;
          break;
        }
        case 'TimescaleExceptionApplied':
          exception = true;
          break;
        case 'PlanDecisionMade':
          if (event.data.decision === 'no-plan') {
            yearOf(d).noPlanDecisions++;
            refusedOrNoPlan = true;
          }
          break;
        case 'FinalPlanIssued': {
          if (request !== null && !refusedOrNoPlan) {
            const tally = yearOf(d);
            const inTime = d <= addDays(request, 140);
            tally.newPlans++;
            if (inTime) tally.within20Weeks++;
            if (!exception) {
              tally.newPlansWithoutException++;
              if (inTime) tally.within20WeeksWithoutException++;
            }
          }
          planFrom = d;
          reviewClockFrom = d;
          break;
        }
        case 'PlanTransferredIn':
          planFrom = d;
          reviewClockFrom = null; // the transferred plan's review date follows reg 15, not counted here
          break;
        case 'AnnualReviewMeetingHeld': {
          const tally = yearOf(d);
          if (reviewClockFrom !== null) {
            tally.reviewMeetings++;
            if (d <= addDays(addMonths(reviewClockFrom, 12), -1)) tally.reviewMeetingsInTime++;
          }
          reviewClockFrom = d;
          lastMeeting = d;
          break;
        }
        case 'AnnualReviewDecisionNotified':
          if (lastMeeting !== null) {
            const tally = yearOf(d);
            tally.reviewDecisions++;
            if (daysBetween(lastMeeting, d) <= 28) tally.reviewDecisionsWithin4Weeks++;
          }
          break;
        case 'PlanCeased':
        case 'PlanTransferredOut': {
          if (event.type === 'PlanCeased') {
            const tally = yearOf(d);
            tally.ceased++;
            if (event.data.reason === 2) tally.ceasedNeedsMet++;
          }
          if (planFrom !== null) planSpans.push([planFrom, d]);
          planFrom = null;
          break;
        }
        case 'TribunalAppealRegistered':
          yearOf(d).appealsRegistered++;
          break;
        case 'TribunalAppealWithdrawn':
          yearOf(d).appealsWithdrawn++;
          break;
        case 'TribunalAppealConceded':
          yearOf(d).appealsConceded++;
          break;
        case 'TribunalAppealDecided': {
          const tally = yearOf(d);
          tally.appealsDecided++;
          if (event.data.outcome === 'appellant-favour') tally.appealsDecidedForAppellant++;
          break;
        }
      }
    }
    if (planFrom !== null) {
      planSpans.push([planFrom, null]);
      plansInForceAtEnd++;
    }
  }
  for (const tally of years.values()) {
    const census = `${tally.year}-01-15`;
    tally.plansInJanuary = planSpans.filter(([from, to]) => from <= census && (to === null || to > census)).length;
  }
  return {
    events: total,
    duplicates,
    corrections,
    retractions,
    cases: byCase.size,
    plansInForceAtEnd,
    arrivedOutOfOrder,
    years,
  };
}

export const rates = {
  within20Weeks: (t: YearTally): number => t.within20Weeks / t.newPlans,
  within20WeeksWithoutException: (t: YearTally): number => t.within20WeeksWithoutException / t.newPlansWithoutException,
  refusalShare: (t: YearTally): number => t.refusals / t.assessmentDecisions,
  decisionsWithin6Weeks: (t: YearTally): number => t.decisionsWithin6Weeks / t.assessmentDecisions,
  /** DfE 2024 method: appeals / (refusals + no-plan decisions + plans in January + plans ceased as needs met). */
  appealRate: (t: YearTally): number =>
    t.appealsRegistered / (t.refusals + t.noPlanDecisions + t.plansInJanuary + t.ceasedNeedsMet),
  appellantFavour: (t: YearTally): number => t.appealsDecidedForAppellant / t.appealsDecided,
  withdrawnOrConceded: (t: YearTally): number =>
    (t.appealsWithdrawn + t.appealsConceded) / (t.appealsWithdrawn + t.appealsConceded + t.appealsDecided),
  reviewsInTime: (t: YearTally): number => t.reviewMeetingsInTime / t.reviewMeetings,
  reviewDecisionsWithin4Weeks: (t: YearTally): number => t.reviewDecisionsWithin4Weeks / t.reviewDecisions,
};
