import type {
  AdviceFrom,
  AppealGround,
  ExceptionReason,
  IsoMonth,
  Phase,
  PrimaryNeed,
  RequestSource,
  TribunalOrder,
} from '#pathway';
import { addMonths, civilOf, dayOf, isoOf, workingDayOnOrAfter, workingDayOnOrBefore, yearOf } from './days.js';
import { fact, type Fact, type LifeStep } from './fact.js';
import { orderKindFor, type PathwayModel } from './model.js';
import type { Quotas } from './quota.js';
import { weights, type Random } from './random.js';
import type { YearlySteering } from './yearly-steering.js';

/** What a case life needs from the LA it lives in. */
export interface LaWorld {
  readonly la: string;
  readonly model: PathwayModel;
  /** The first day of new requests. Before it a case only replays the history of a plan the LA already maintains, so
   * nothing ends before it. */
  readonly firstRequestDay: number;
  readonly endDay: number;
  /** The chance that a review ceases a plan, given the chance at the model's own rates: the LA steers it to keep
   * its caseload on its target path. */
  ceaseChance(base: number): number;
  /** How the LA steers its new plans and their timeliness, by year, onto its published figures (a shaped LA). */
  readonly steering: YearlySteering;
  /** The LA's outcomes drawn on quota (refusals, decisions within 6 weeks, exceptions, plans, plans on time), so
   * that each year's shares come out as the model's to within one case. */
  readonly quotas: Quotas;
  /** A tribunal appeal reference, unique in the LA. */
  nextAppealId(day: number): string;
  /** Another LA's code, for transfers. */
  otherLa(rng: Random): string;
}

/** The attributes of a case. Only the birth month ever leaves the generator, never a day of birth. */
export interface CaseProfile {
  /** The 15th of the birth month, for ages and school years. */
  readonly birthDay: number;
  readonly birthMonth: IsoMonth;
  primaryNeed: PrimaryNeed;
  team: string;
  requestSource: RequestSource;
}

export type CaseOrigin =
  /** A new request for an assessment. */
  | { readonly kind: 'request'; readonly day: number }
  /** A plan the LA already maintains when the generated period begins: its history is replayed from its request,
   * and its final plan is issued by `issuedBy`. */
  | { readonly kind: 'existing-plan'; readonly requestDay: number; readonly issuedBy: number }
  /** A plan transferred in from another LA. */
  | { readonly kind: 'transfer-in'; readonly day: number; readonly lastReviewDay: number; readonly fromLa: string };

type CycleOutcome =
  | { readonly kind: 'plan'; readonly issueDay: number }
  /** `agreed`: the next request is one the LA agreed to assess (after conceding an appeal). */
  | { readonly kind: 'closed'; readonly nextRequestDay?: number; readonly agreed?: boolean };

type AppealResult =
  | { readonly kind: 'withdrawn' | 'conceded' | 'la-upheld'; readonly appealId: string; readonly endDay: number }
  | {
      readonly kind: 'appellant-favour';
      readonly appealId: string;
      readonly endDay: number;
      readonly order: TribunalOrder;
    };

const DAYS_PER_YEAR = 365.25;

/**
 * One case's life as a lazy sequence of true facts in business-date order. The life is written as sequential code:
 * each step draws its dates and outcomes when the generator reaches it, so decisions that depend on the LA's state
 * (the caseload) are taken at the right simulated time, and only the open cases are held in memory.
 *
 * Facts that run alongside the main line (a tribunal appeal while reviews go on) wait in `pending` until the main
 * line reaches their dates; every fact added later is dated on or after the last one yielded.
 */
export class CaseLife {
  private readonly pending: Fact[] = [];
  /** The day of the last fact yielded: nothing can be dated before it. */
  private floor = -Infinity;
  /** The last day an appeal that runs alongside the plan is still open. */
  private appealOpenUntil = -Infinity;

  constructor(
    private readonly world: LaWorld,
    private readonly rng: Random,
    private readonly profile: CaseProfile,
    private readonly origin: CaseOrigin,
  ) {}

  *facts(): Generator<LifeStep, void, undefined> {
    const origin = this.origin;
    switch (origin.kind) {
      case 'transfer-in': {
        const day = origin.day;
        this.add(day, 'PlanTransferredIn', { fromLa: origin.fromLa, lastReviewDate: isoOf(origin.lastReviewDay) });
        this.add(day, 'CaseDetailsUpdated', this.attributes());
        // Reg 15(4): the new LA tells the family within 6 weeks of the transfer (day 0 counting, the 42nd day).
        const { model } = this.world;
        const notified = this.rng.chance(model.transferNoticeWithin6Weeks)
          ? this.dayIn(day + 5, day + 42)
          : this.dayIn(day + 43, day + 90);
        this.add(notified, 'PlanTransferNotified', {
          assessmentProposed: this.rng.chance(model.transferAssessmentProposed),
        });
        // Reg 15: the review is due by the later of 12 months from the last review and 3 months from the transfer.
        const firstDue = Math.max(addMonths(origin.lastReviewDay, 12) - 1, addMonths(day, 3));
        yield* this.flushTo(day);
        // Nothing ends the plan before the notice.
        yield* this.planLife(notified, firstDue, false);
        return;
      }
      case 'existing-plan':
      case 'request': {
        let requestDay: number | undefined = origin.kind === 'request' ? origin.day : origin.requestDay;
        let mustIssue = origin.kind === 'existing-plan';
        const issuedBy = origin.kind === 'existing-plan' ? origin.issuedBy : Infinity;
        while (requestDay !== undefined) {
          const outcome: CycleOutcome = yield* this.requestCycle(requestDay, mustIssue, issuedBy);
          if (outcome.kind === 'plan') {
            yield* this.planLife(outcome.issueDay, addMonths(outcome.issueDay, 12) - 1, true);
            return;
          }
          requestDay = outcome.nextRequestDay;
          mustIssue = outcome.agreed === true;
        }
        yield* this.flushAll();
        return;
      }
    }
  }

  // ---- requests and assessments ----

  private *requestCycle(
    request: number,
    mustIssue: boolean,
    issuedBy: number,
  ): Generator<LifeStep, CycleOutcome, undefined> {
    const { model, quotas } = this.world;
    const rng = this.rng;
    const year = yearOf(request);
    this.add(request, 'AssessmentRequested', { requestSource: this.profile.requestSource, ...this.attributes() });
    const withdrawn = !mustIssue && rng.chance(model.withdrawnBeforeDecision);
    const decision =
      !withdrawn && quotas.take(`decided in 6 weeks ${year}`, model.decisionWithin6Weeks, rng.next())
        ? this.dayIn(request + 14, request + 42)
        : this.dayIn(request + 43, request + 90);
    // Refusals are counted by the year of the decision, against the requests of that year: a request that cannot be
    // refused still counts towards the share.
    const refusalYear = withdrawn ? year : yearOf(decision);
    const refuse = quotas.take(
      `refused ${refusalYear}`,
      model.refusalShare(refusalYear),
      rng.next(),
      !mustIssue && !withdrawn,
    );
    if (withdrawn) return yield* this.withdrawn(request + 7, request + 35);
    this.add(decision, 'AssessmentDecisionMade', { decision: refuse ? 'refuse' : 'assess' });
    yield* this.flushTo(decision);
    if (refuse) return yield* this.afterRefusal(decision);
    return yield* this.assessment(request, decision, mustIssue, issuedBy);
  }

  private *withdrawn(from: number, to: number): Generator<LifeStep, CycleOutcome, undefined> {
    const day = this.dayIn(from, to);
    this.add(day, 'AssessmentRequestWithdrawn', {});
    yield* this.flushTo(day);
    return this.closed(day, this.world.model.reRequestAfterWithdrawal);
  }

  private closed(day: number, reRequest: number): CycleOutcome {
    if (!this.rng.chance(reRequest)) return { kind: 'closed' };
    return { kind: 'closed', nextRequestDay: this.dayIn(day + 120, day + 540) };
  }

  private adviceSources(): AdviceFrom[] {
    const age = this.ageAt(this.floor);
    const sources: AdviceFrom[] = ['educational-psychologist', age < 5 ? 'early-years' : 'school', 'health'];
    if (this.rng.chance(0.6)) sources.push('social-care');
    if (this.rng.chance(0.5)) sources.push('parent');
    return sources;
  }

  /** Advice asked for on `asked` and received before `by` (about half within the 6 weeks of reg 8). */
  private advice(asked: number, by: number): void {
    for (const from of this.adviceSources()) {
      this.add(asked, 'AdviceRequested', { adviceFrom: from });
      const received = asked + (this.rng.chance(0.5) ? this.rng.int(14, 42) : this.rng.int(43, 90));
      this.add(Math.max(asked, workingDayOnOrBefore(Math.min(received, by - 1))), 'AdviceReceived', {
        adviceFrom: from,
      });
    }
  }

  private *assessment(
    request: number,
    decision: number,
    mustIssue: boolean,
    issuedBy: number,
  ): Generator<LifeStep, CycleOutcome, undefined> {
    const { model } = this.world;
    const rng = this.rng;
    const asked = this.dayIn(decision, decision + 5);
    if (!mustIssue && rng.chance(model.withdrawnDuringAssessment)) {
      this.advice(asked, asked + 40);
      return yield* this.withdrawn(asked + 20, asked + 80);
    }
    const { quotas, steering } = this.world;
    // Exceptions and timeliness are shares of plans: drawn here, and given back if the assessment ends without one.
    const dueYear = yearOf(request + 140);
    const exceptionKey = `exception ${dueYear}`;
    const exception = quotas.take(exceptionKey, model.exceptionShare, rng.next());
    const onTimeKey = `${exception ? 'exception' : 'no exception'} on time ${dueYear}`;
    const onTimeChance = exception
      ? model.exceptionWithin20Weeks
      : Math.min(1, Math.max(0, model.within20WeeksWithoutException(dueYear) + steering.onTimeShift(dueYear)));
    const inTime = quotas.take(onTimeKey, onTimeChance, rng.next());
    // Request + 140 days is the last day within 20 weeks (day 0 counting), and falls on a weekday like the request.
    const earliest = Math.max(decision + 45, request + 98);
    const drawn = inTime ? this.dayIn(earliest, request + 140) : this.lateFinal(request);
    let final = drawn <= issuedBy ? drawn : this.dayIn(earliest, issuedBy);
    const planYear = yearOf(final);
    const planShare = Math.min(1, (1 - model.noPlanShare) * steering.planScale(planYear));
    if (!mustIssue && !quotas.take(`plan ${planYear}`, planShare, rng.next())) {
      const heldOver = quotas.take(`held over ${planYear}`, steering.holdOver(planYear), rng.next());
      steering.notPlanned(planYear, heldOver);
      quotas.giveBack(onTimeKey, onTimeChance, inTime);
      if (!heldOver) {
        quotas.giveBack(exceptionKey, model.exceptionShare, exception);
        const notice = rng.chance(model.noPlanWithin16Weeks)
          ? this.dayIn(Math.max(decision + 28, request + 70), request + 112)
          : this.dayIn(request + 113, request + 180);
        this.advice(asked, notice);
        this.add(notice, 'PlanDecisionMade', { decision: 'no-plan' });
        yield* this.flushTo(notice);
        return yield* this.afterNoPlan(notice);
      }
      // Issued late, in the first months of the next year, with the backlog the LA clears then.
      const nextYear = dayOf(planYear + 1, 1, 2);
      final = this.dayIn(nextYear, nextYear + 240);
    }
    steering.planIssued(yearOf(final), final - request <= 140, !exception && yearOf(final) === dueYear);
    const gap = rng.chance(model.draftPlanBreach) ? rng.int(8, 14) : rng.int(15, 45);
    const draft = Math.max(workingDayOnOrBefore(final - gap), Math.min(asked + 7, final - 1));
    this.advice(asked, draft);
    if (exception) this.exception(asked, draft, final);
    this.add(draft, 'PlanDecisionMade', { decision: 'issue' });
    this.add(draft, 'DraftPlanIssued', {});
    this.add(final, 'FinalPlanIssued', {});
    yield* this.flushTo(final);
    return { kind: 'plan', issueDay: final };
  }

  private lateFinal(request: number): number {
    const u = this.rng.next();
    if (u < 0.78) return this.dayIn(request + 141, request + 230);
    if (u < 0.95) return this.dayIn(request + 231, request + 364);
    return this.dayIn(request + 365, request + 540);
  }

  private exception(asked: number, draft: number, final: number): void {
    const reason = this.rng.weighted(EXCEPTION_REASONS_MIX);
    const from = this.dayIn(asked, Math.max(asked, draft - 30));
    // The period ends by the final plan, and is never dated past the end of the generated period.
    const to = Math.max(from, Math.min(from + this.rng.int(28, 56), final, this.world.endDay));
    const recorded = Math.max(from, workingDayOnOrBefore(Math.min(from + this.rng.int(0, 7), draft)));
    this.add(recorded, 'TimescaleExceptionApplied', { reason, from: isoOf(from), to: isoOf(to) });
  }

  private *afterRefusal(decision: number): Generator<LifeStep, CycleOutcome, undefined> {
    const { model } = this.world;
    if (this.rng.chance(model.appealPropensity['refusal-to-assess'])) {
      return yield* this.afterRefusalAppeal(this.appeal(decision, 'refusal-to-assess'), model.reRequestAfterRefusal);
    }
    if (this.rng.chance(model.mediationWithoutAppeal)) {
      this.add(this.dayIn(decision + 14, decision + 49), 'MediationCertificateIssued', {
        decisionDate: isoOf(decision),
      });
    }
    return this.closed(decision, model.reRequestAfterRefusal);
  }

  private *afterNoPlan(notice: number): Generator<LifeStep, CycleOutcome, undefined> {
    const { model } = this.world;
    if (this.rng.chance(model.appealPropensity['refusal-to-issue'])) {
      return yield* this.afterRefusalAppeal(this.appeal(notice, 'refusal-to-issue'), model.reRequestAfterNoPlan);
    }
    return this.closed(notice, model.reRequestAfterNoPlan);
  }

  /**
   * After an appeal against a refusal to assess or to issue a plan. An order reopens the refused request: after an
   * order to assess the LA issues the final plan within 14 weeks, after an order to make and maintain a plan the
   * draft within 5 weeks and the final within 11 (reg 44); the plan is a tribunal-ordered one. A concession does not
   * reopen the refused request in the pathway, so the LA's agreement to assess is recorded as a fresh request that
   * it then assesses and answers with a plan.
   */
  private *afterRefusalAppeal(appeal: AppealResult, reRequest: number): Generator<LifeStep, CycleOutcome, undefined> {
    yield* this.flushTo(appeal.endDay);
    if (appeal.kind === 'conceded') {
      return { kind: 'closed', nextRequestDay: this.dayIn(appeal.endDay + 1, appeal.endDay + 14), agreed: true };
    }
    if (appeal.kind !== 'appellant-favour') return this.closed(appeal.endDay, reRequest);
    const rng = this.rng;
    const onTime = rng.chance(this.world.model.orderOnTime);
    const start = appeal.endDay;
    let draft: number;
    let final: number;
    if (appeal.order.kind === 'make-and-maintain') {
      draft = onTime ? this.dayIn(start + 10, start + 35) : this.dayIn(start + 36, start + 70);
      final = onTime ? this.dayIn(draft + 15, Math.max(draft + 15, start + 77)) : this.dayIn(draft + 15, draft + 90);
    } else {
      final = onTime ? this.dayIn(start + 60, start + 98) : this.dayIn(start + 99, start + 200);
      draft = workingDayOnOrBefore(final - rng.int(15, 30));
      this.advice(this.dayIn(start + 1, start + 14), draft);
      this.add(draft, 'PlanDecisionMade', { decision: 'issue' });
    }
    this.add(draft, 'DraftPlanIssued', {});
    this.add(final, 'FinalPlanIssued', {});
    this.add(final, 'TribunalOrderComplied', { appealId: appeal.appealId, orderId: appeal.order.orderId });
    this.world.steering.planIssued(yearOf(final), null);
    yield* this.flushTo(final);
    return { kind: 'plan', issueDay: final };
  }

  // ---- plans ----

  /**
   * A maintained plan from its issue (or transfer in) to its end: yearly reviews, amendments, phase transfers,
   * appeals, and the plan's cessation or transfer out. `firstDue` is the first review's due date.
   */
  private *planLife(issued: number, firstDue: number, newPlan: boolean): Generator<LifeStep, void, undefined> {
    const { model } = this.world;
    const rng = this.rng;
    if (newPlan && rng.chance(model.appealPropensity['plan-contents'])) this.sideAppeal(issued, 'plan-contents');
    let due = firstDue;
    let last = issued;
    for (;;) {
      const phase = this.phaseTransferFor(due, last);
      const meeting = phase ? phase.meeting : this.reviewMeeting(due, last);
      const exit = this.exitBefore(last, meeting);
      if (exit !== undefined) {
        yield* this.exit(exit);
        return;
      }
      yield* this.wakeOn(meeting);
      this.add(
        meeting,
        'AnnualReviewMeetingHeld',
        phase ? { phaseTransfer: { toPhase: phase.toPhase, transferYear: phase.transferYear } } : {},
      );
      if (rng.chance(model.detailsChangeAtReview)) this.detailsChange(meeting);
      const decided = rng.chance(model.reviewDecisionWithin4Weeks)
        ? this.dayIn(meeting + 3, meeting + 28)
        : this.dayIn(meeting + 29, meeting + 84);
      const age = this.ageAt(meeting);
      const canEnd = meeting >= this.world.firstRequestDay;
      const cease = canEnd && (age >= model.maxAge || rng.chance(this.world.ceaseChance(model.ceaseAtReview(age))));
      const amend = !cease && rng.chance(phase ? model.phaseTransferAmend : model.reviewAmend);
      this.add(decided, 'AnnualReviewDecisionNotified', { decision: cease ? 'cease' : amend ? 'amend' : 'maintain' });
      let settled = decided;
      if (cease) {
        const kept = yield* this.ceaseAfterReview(decided, age);
        if (kept === undefined) return;
        settled = kept;
      } else if (amend) {
        settled = this.amendment(decided, phase?.deadline);
      } else if (rng.chance(model.appealPropensity['refusal-to-amend'])) {
        this.sideAppeal(decided, 'refusal-to-amend');
      }
      yield* this.flushTo(settled);
      last = settled;
      due = addMonths(meeting, 12) - 1; // the next review counts from this meeting
    }
  }

  /** A meeting within 12 months of the last one (three in four), or late. */
  private reviewMeeting(due: number, last: number): number {
    const earliest = last + 30;
    if (this.rng.chance(this.world.model.reviewHeldInTime) && due >= earliest) {
      return this.dayIn(Math.max(due - 60, earliest), due);
    }
    const u = this.rng.next();
    const late = u < 0.75 ? this.rng.int(1, 90) : u < 0.95 ? this.rng.int(91, 200) : this.rng.int(201, 365);
    return workingDayOnOrAfter(Math.max(due, earliest) + late);
  }

  /**
   * The review before a move between phases (nursery to reception, year 6 to secondary, year 11 to post-16) is held
   * in the autumn term before the move, so the amended plan can be issued before 15 February (31 March for post-16), reg 18(1).
   */
  private phaseTransferFor(
    due: number,
    last: number,
  ): { meeting: number; toPhase: Phase; transferYear: number; deadline: number } | undefined {
    const birth = civilOf(this.profile.birthDay);
    const birthCohort = birth.month >= 9 ? birth.year : birth.year - 1; // the school year starting that September
    for (const [yearGroup, toPhase] of PHASE_MOVES) {
      const transferYear = birthCohort + 5 + yearGroup + 1; // September the child moves
      const autumnStart = dayOf(transferYear - 1, 9, 15);
      const autumnEnd = dayOf(transferYear - 1, 12, 18);
      const earliest = Math.max(autumnStart, last + 60);
      if (earliest > autumnEnd || autumnStart > due + 30) continue;
      const deadline = toPhase === 'post-16' ? dayOf(transferYear, 3, 30) : dayOf(transferYear, 2, 14); // last days on time
      return { meeting: this.dayIn(earliest, autumnEnd), toPhase, transferYear, deadline };
    }
    return undefined;
  }

  private amendment(decided: number, phaseDeadline: number | undefined): number {
    const { model } = this.world;
    const rng = this.rng;
    const notice = this.dayIn(decided, decided + 7);
    this.add(notice, 'AmendmentNoticeIssued', {});
    let amended: number;
    if (phaseDeadline !== undefined && phaseDeadline > notice + 14 && rng.chance(model.phaseTransferOnTime)) {
      amended = this.dayIn(notice + 14, Math.min(phaseDeadline, notice + 56));
    } else if (rng.chance(model.amendedWithin8Weeks)) {
      amended = this.dayIn(notice + 20, notice + 56);
    } else {
      amended = this.dayIn(notice + 57, notice + 140);
    }
    this.add(amended, 'AmendedPlanIssued', {});
    if (rng.chance(model.appealPropensity['plan-contents'] / 3)) this.sideAppeal(amended, 'plan-contents');
    return amended;
  }

  /** A cease decision: appealed sometimes (the plan is kept until the appeal ends), then the plan ceases. When the
   * cessation is dismissed or conceded the plan goes on, and this returns the day the appeal ended. */
  private *ceaseAfterReview(decided: number, age: number): Generator<LifeStep, number | undefined, undefined> {
    const { model } = this.world;
    const rng = this.rng;
    let after = decided;
    if (age < model.maxAge && rng.chance(model.appealPropensity.cease)) {
      const appeal = this.appeal(decided, 'cease');
      if (appeal.kind === 'appellant-favour') {
        this.add(appeal.endDay, 'TribunalOrderComplied', { appealId: appeal.appealId, orderId: appeal.order.orderId });
        return appeal.endDay;
      }
      if (appeal.kind === 'conceded') return appeal.endDay;
      after = appeal.endDay;
    }
    const reason = age >= model.maxAge ? 1 : rng.weighted(model.ceaseReasons(age));
    const ceased = this.dayIn(Math.max(after, this.appealOpenUntil) + 14, Math.max(after, this.appealOpenUntil) + 60);
    this.add(ceased, 'PlanCeased', { reason });
    yield* this.flushAll();
    return undefined;
  }

  private exitBefore(last: number, meeting: number): { day: number; kind: 'out' | 'moved' | 'deceased' } | undefined {
    const { model } = this.world;
    const from = Math.max(last + 1, this.world.firstRequestDay);
    if (meeting <= from) return undefined;
    const years = (meeting - from) / DAYS_PER_YEAR;
    const rate = model.transferOutPerYear + model.movedOutOfEnglandPerYear + model.deceasedPerYear;
    if (!this.rng.chance(1 - Math.exp(-rate * years))) return undefined;
    const u = this.rng.next() * rate;
    const kind = u < model.transferOutPerYear ? 'out' : u < rate - model.deceasedPerYear ? 'moved' : 'deceased';
    return { day: this.dayIn(from, meeting - 1), kind };
  }

  private *exit(exit: { day: number; kind: 'out' | 'moved' | 'deceased' }): Generator<LifeStep, void, undefined> {
    // A plan moves or ends only once an appeal about it has finished.
    const day = this.appealOpenUntil < exit.day ? exit.day : workingDayOnOrAfter(this.appealOpenUntil + 1);
    if (exit.kind === 'out') this.add(day, 'PlanTransferredOut', { toLa: this.world.otherLa(this.rng) });
    else this.add(day, 'PlanCeased', { reason: exit.kind === 'moved' ? 7 : 8 });
    yield* this.flushAll();
  }

  private detailsChange(day: number): void {
    if (this.rng.chance(0.5)) {
      this.profile.primaryNeed = this.rng.weighted(this.world.model.primaryNeeds);
      this.add(day, 'CaseDetailsUpdated', { primaryNeed: this.profile.primaryNeed });
    } else {
      this.profile.team = this.rng.weighted(this.world.model.teams);
      this.add(day, 'CaseDetailsUpdated', { team: this.profile.team });
    }
  }

  // ---- tribunal ----

  /** An appeal that runs alongside the plan; the plan cannot end until it has. */
  private sideAppeal(decision: number, against: AppealGround): void {
    const appeal = this.appeal(decision, against);
    this.appealOpenUntil = Math.max(this.appealOpenUntil, appeal.endDay);
  }

  /** The facts of one appeal against the decision of `decision`, added to pending; an order that needs no further
   * pathway step is complied with here. */
  private appeal(decision: number, against: AppealGround): AppealResult {
    const { model } = this.world;
    const rng = this.rng;
    const decisionDate = isoOf(decision);
    let registered: number;
    if (rng.chance(model.mediationBeforeAppeal)) {
      const certificate = this.dayIn(decision + 14, decision + 49);
      this.add(certificate, 'MediationCertificateIssued', { decisionDate });
      registered = this.dayIn(certificate + 3, certificate + 30);
    } else {
      registered = this.dayIn(decision + 21, decision + 60);
    }
    const appealId = this.world.nextAppealId(registered);
    this.add(registered, 'TribunalAppealRegistered', { appealId, against, decisionDate });
    const u = rng.next();
    if (u < model.appealWithdrawn + model.appealConceded) {
      const endDay = this.dayIn(registered + 30, registered + 180);
      const kind = u < model.appealWithdrawn ? 'withdrawn' : 'conceded';
      this.add(endDay, kind === 'withdrawn' ? 'TribunalAppealWithdrawn' : 'TribunalAppealConceded', { appealId });
      return { kind, appealId, endDay };
    }
    const endDay = this.dayIn(registered + 150, registered + 330);
    if (!rng.chance(model.appealAppellantFavour)) {
      this.add(endDay, 'TribunalAppealDecided', { appealId, outcome: 'la-upheld', orders: [] });
      return { kind: 'la-upheld', appealId, endDay };
    }
    const order: TribunalOrder = { orderId: `${appealId}-O1`, kind: orderKindFor(against, rng.next()) };
    this.add(endDay, 'TribunalAppealDecided', { appealId, outcome: 'appellant-favour', orders: [order] });
    const onTime = rng.chance(model.orderOnTime);
    if (order.kind === 'amend' || order.kind === 'amend-school') {
      const limit = order.kind === 'amend' ? 35 : 14;
      const complied = onTime ? this.dayIn(endDay + 3, endDay + limit) : this.dayIn(endDay + limit + 1, endDay + 100);
      this.add(complied, 'TribunalOrderComplied', { appealId, orderId: order.orderId });
      return { kind: 'appellant-favour', appealId, endDay: complied, order };
    }
    return { kind: 'appellant-favour', appealId, endDay, order };
  }

  // ---- helpers ----

  private attributes(): { birthMonth: IsoMonth; primaryNeed: PrimaryNeed; team: string } {
    return { birthMonth: this.profile.birthMonth, primaryNeed: this.profile.primaryNeed, team: this.profile.team };
  }

  private ageAt(day: number): number {
    return (day - this.profile.birthDay) / DAYS_PER_YEAR;
  }

  /** A working day drawn from [lo, hi] (or `lo` itself when the range holds none). */
  private dayIn(lo: number, hi: number): number {
    const top = Math.max(lo, hi);
    const day = this.rng.int(lo, top);
    const after = workingDayOnOrAfter(day);
    if (after <= top) return after;
    const before = workingDayOnOrBefore(day);
    return before >= lo ? before : day;
  }

  private add(day: number, ...[type, data]: FactArgs): void {
    const dated = fact(Math.max(day, this.floor), type, data as never);
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1] as Fact).day > dated.day) i--;
    this.pending.splice(i, 0, dated);
  }

  private *flushTo(day: number): Generator<LifeStep, void, undefined> {
    while (this.pending.length > 0 && (this.pending[0] as Fact).day <= day) {
      const next = this.pending.shift() as Fact;
      this.floor = next.day;
      yield next;
    }
  }

  /** Yields what is due before `day`, then resumes on `day`, so that what follows is decided with the LA as it is then. */
  private *wakeOn(day: number): Generator<LifeStep, void, undefined> {
    yield* this.flushTo(day - 1);
    if (day > this.floor) yield { day, type: 'wake' };
  }

  private *flushAll(): Generator<LifeStep, void, undefined> {
    yield* this.flushTo(Infinity);
  }
}

type FactArgs = { [F in Fact as F['type']]: [type: F['type'], data: F['data']] }[Fact['type']];

const PHASE_MOVES: readonly (readonly [yearGroup: number, toPhase: Phase])[] = [
  [-1, 'primary'], // nursery to reception
  [6, 'secondary'],
  [11, 'post-16'],
];

const EXCEPTION_REASONS_MIX = weights<ExceptionReason>([
  ['school-closure', 0.55],
  ['personal-circumstances', 0.3],
  ['absent-from-area', 0.1],
  ['early-years-closure', 0.05],
]);
