import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR_SETTINGS, type CalendarSettings } from '#calendar';
import { caseClock } from './clock.js';
import { foldCase } from './evolve.js';
import { facts } from './testing/builders.js';

const day1: CalendarSettings = { ...DEFAULT_CALENDAR_SETTINGS, countFrom: 'day1' };

describe('the case clock: worked cases from the regulations', () => {
  it('request Mon 8 Jan 2024: 6, 16 and 20-week dates; a final plan on 27 May is within 20 weeks under day0 only', () => {
    const events = [
      facts.requested('2024-01-08'),
      facts.decidedToAssess('2024-02-01'),
      facts.decidedToIssue('2024-04-01'),
      facts.draft('2024-05-01'),
      facts.final('2024-05-27'),
    ];
    const clock = caseClock(events, '2024-06-30');
    const cycle = clock.cycles[0]!;
    expect(cycle.assessmentDecision.due).toBe('2024-02-19');
    expect(cycle.noPlanNotice.due).toBe('2024-04-29');
    expect(cycle.finalPlan.due).toBe('2024-05-27');
    expect(cycle.finalPlan.status).toBe('on-time');
    expect(cycle.finalPlan.daysTaken).toBe(140);
    expect(cycle.finalPlan.weeksTaken).toBe(20);
    expect(cycle.within20WeeksIncludingExceptions).toBe(true);

    const strict = caseClock(events, '2024-06-30', day1).cycles[0]!;
    expect(strict.finalPlan.due).toBe('2024-05-26');
    expect(strict.finalPlan.status).toBe('late');
    expect(strict.finalPlan.daysLate).toBe(1);
    expect(strict.within20WeeksIncludingExceptions).toBe(false);
  });

  it('request Mon 3 Jun 2024 with a school closure, final plan Mon 18 Nov (day 168): late including exceptions, not counted excluding them', () => {
    const events = [
      facts.requested('2024-06-03'),
      facts.decidedToAssess('2024-07-01'),
      facts.exception('2024-07-10', '2024-07-17', '2024-09-04', 'school-closure'),
      facts.decidedToIssue('2024-10-01'),
      facts.draft('2024-10-21'),
      facts.final('2024-11-18'),
    ];
    const cycle = caseClock(events, '2024-12-01').cycles[0]!;
    expect(cycle.finalPlan.daysTaken).toBe(168);
    expect(cycle.finalPlan.weeksTaken).toBe(24);
    expect(cycle.finalPlan.status).toBe('late');
    expect(cycle.exceptionApplies).toBe(true);
    expect(cycle.within20WeeksIncludingExceptions).toBe(false);
    expect(cycle.within20WeeksExcludingExceptions).toBeNull();
    expect(cycle.exceptions).toEqual([
      expect.objectContaining({ reason: 'school-closure', from: '2024-07-17', to: '2024-09-04' }),
    ]);
  });

  it('request Mon 4 Mar 2024, decision Fri 12 Apr (day 39, on time), no-plan notice Mon 1 Jul (day 119): 7 days late', () => {
    const events = [facts.requested('2024-03-04'), facts.decidedToAssess('2024-04-12'), facts.noPlan('2024-07-01')];
    const cycle = caseClock(events, '2024-08-01').cycles[0]!;
    expect(cycle.assessmentDecision).toMatchObject({ status: 'on-time', daysTaken: 39, due: '2024-04-15' });
    expect(cycle.noPlanNotice).toMatchObject({ status: 'late', daysTaken: 119, daysLate: 7, due: '2024-06-24' });
    expect(cycle.finalPlan.status).toBe('not-applicable');
    expect(cycle.outcome).toBe('no-plan');
  });

  it('plan issued Wed 10 May 2023: review due Tue 9 May 2024, meeting, decision, amendment notice and amended plan all on time', () => {
    const events = [
      facts.final('2023-05-10'),
      facts.reviewMeeting('2024-04-16'),
      facts.reviewDecision('2024-05-07', 'amend'),
      facts.amendmentNotice('2024-05-07'),
      facts.amendedPlan('2024-06-25'),
    ];
    const plan = caseClock(events, '2024-07-31').plan!;
    const review = plan.reviews[0]!;
    expect(review.meeting).toMatchObject({ due: '2024-05-09', done: '2024-04-16', status: 'on-time' });
    expect(review.decision).toMatchObject({ due: '2024-05-14', status: 'on-time', decision: 'amend' });
    expect(review.amendmentNoticeOn).toBe('2024-05-07');
    expect(review.amendedPlan).toMatchObject({ due: '2024-07-02', done: '2024-06-25', status: 'on-time' });
    expect(plan.nextReviewDue).toBe('2025-04-15');
  });
});

describe('the case clock: statuses and serialisation', () => {
  it('is a plain JSON-able object', () => {
    const state = foldCase([facts.requested('2024-01-08')]);
    const clock = caseClock(state, '2024-03-01');
    expect(JSON.parse(JSON.stringify(clock))).toEqual(clock);
    expect(clock.nextDeadline).toEqual({
      kind: 'assessment-decision',
      due: '2024-02-19',
      overdue: true,
      ref: 'cycle-0',
      until: null,
    });
  });
});

describe('the case clock: request cycles', () => {
  it('counts a pending request: decision and final plan due, then overdue; no-plan notice only once assessing', () => {
    const request = facts.requested('2024-01-08');
    const early = caseClock([request], '2024-02-01').cycles[0]!;
    expect(early.assessmentDecision).toMatchObject({ status: 'due', daysTaken: 24, weeksTaken: 3.4, daysLate: 0 });
    expect(early.noPlanNotice.status).toBe('not-applicable');
    expect(early.finalPlan.status).toBe('due');
    const late = caseClock([request], '2024-03-01').cycles[0]!;
    expect(late.assessmentDecision).toMatchObject({ status: 'overdue', daysLate: 11, done: null });
    const assessing = caseClock([request, facts.decidedToAssess('2024-02-01')], '2024-05-01');
    expect(assessing.cycles[0]!.noPlanNotice).toMatchObject({ status: 'overdue', due: '2024-04-29', daysLate: 2 });
    expect(assessing.pending.map((p) => `${p.kind} ${p.due} ${p.overdue}`)).toEqual([
      'no-plan-notice 2024-04-29 true',
      'final-plan 2024-05-27 false',
    ]);
    expect(assessing.nextDeadline?.kind).toBe('no-plan-notice');
    const issuing = caseClock(
      [request, facts.decidedToAssess('2024-02-01'), facts.decidedToIssue('2024-03-01')],
      '2024-05-01',
    );
    expect(issuing.cycles[0]!.noPlanNotice.status).toBe('not-applicable');
    expect(issuing.cycles[0]!.planDecision).toEqual({ decision: 'issue', on: '2024-03-01' });
  });

  it('marks steps that cannot arise as not applicable', () => {
    const withdrawn = caseClock([facts.requested('2024-01-08'), facts.withdrawn('2024-01-20')], '2024-12-01')
      .cycles[0]!;
    expect(withdrawn).toMatchObject({ withdrawn: true, withdrawnOn: '2024-01-20', outcome: 'withdrawn' });
    expect(withdrawn.assessmentDecision.status).toBe('not-applicable');
    expect(withdrawn.finalPlan.status).toBe('not-applicable');
    const refused = caseClock([facts.requested('2024-01-08'), facts.refusedToAssess('2024-03-01')], '2024-12-01');
    expect(refused.cycles[0]!.assessmentDecision).toMatchObject({ status: 'late', decision: 'refuse', daysLate: 11 });
    expect(refused.cycles[0]!.finalPlan.status).toBe('not-applicable');
    expect(refused.cycles[0]!.within20WeeksIncludingExceptions).toBeNull();
    expect(refused.pending).toEqual([]);
    expect(refused.nextDeadline).toBeNull();
    // A plan decision recorded without the decision to assess: the missing decision is not counted as overdue.
    const skipped = caseClock([facts.requested('2024-01-08'), facts.decidedToIssue('2024-03-01')], '2024-04-01');
    expect(skipped.cycles[0]!.assessmentDecision.status).toBe('not-applicable');
  });

  it('flags a final plan issued before the 15 days for representations on the draft ended', () => {
    const base = [
      facts.requested('2024-01-08'),
      facts.decidedToAssess('2024-02-01'),
      facts.decidedToIssue('2024-04-01'),
    ];
    const breach = caseClock([...base, facts.draft('2024-05-01'), facts.final('2024-05-15')], '2024-06-01').cycles[0]!;
    expect(breach.draftPlan).toEqual({ issuedOn: '2024-05-01', representationsEnd: '2024-05-15', breach: true });
    const fine = caseClock([...base, facts.draft('2024-05-01'), facts.final('2024-05-16')], '2024-06-01').cycles[0]!;
    expect(fine.draftPlan.breach).toBe(false);
    const pending = caseClock([...base, facts.draft('2024-05-01')], '2024-06-01').cycles[0]!;
    expect(pending.draftPlan.breach).toBeNull();
    expect(caseClock(base, '2024-06-01').cycles[0]!.draftPlan).toEqual({
      issuedOn: null,
      representationsEnd: null,
      breach: null,
    });
  });

  it('counts advice against 6 weeks from being asked', () => {
    const clock = caseClock(
      [
        facts.requested('2024-01-08'),
        facts.adviceRequested('2024-01-15', 'health'),
        facts.adviceRequested('2024-01-15', 'school'),
        facts.adviceReceived('2024-02-20', 'school'),
        facts.adviceReceived('2024-02-21', 'parent'),
      ],
      '2024-03-01',
    );
    expect(clock.cycles[0]!.advice.map((a) => [a.adviceFrom, a.advice.due, a.advice.status])).toEqual([
      ['health', '2024-02-26', 'overdue'],
      ['school', '2024-02-26', 'on-time'],
      ['parent', null, 'not-applicable'],
    ]);
  });

  it('leaves a request reopened by a tribunal order out of the 20-week measure', () => {
    const clock = caseClock(
      [
        facts.requested('2023-01-09'),
        facts.refusedToAssess('2023-02-10'),
        facts.appealRegistered('2023-03-20', 'A1', '2023-02-10'),
        facts.appealDecided('2023-09-01', 'A1', [{ orderId: 'O1', kind: 'assess' }]),
        facts.decidedToIssue('2023-10-01'),
        facts.draft('2023-11-01'),
        facts.final('2023-12-01'),
      ],
      '2023-12-05',
    );
    const cycle = clock.cycles[0]!;
    expect(cycle.reopenedBy?.appealId).toBe('A1');
    expect(cycle.finalPlan).toMatchObject({ status: 'not-applicable', done: '2023-12-01' });
    expect(cycle.within20WeeksIncludingExceptions).toBeNull();
    expect(clock.plan?.source).toBe('tribunal-ordered');
    expect(clock.plan?.order?.orderId).toBe('O1');
    // The final plan meets the order (reg 44): no separate TribunalOrderComplied is needed.
    expect(clock.appeals[0]!.orders[0]!.compliance).toMatchObject({
      due: '2023-12-08',
      done: '2023-12-01',
      status: 'on-time',
    });
  });
});

describe('the case clock: plans', () => {
  const plan = facts.final('2023-05-10');

  it('chains reviews from the meeting, or from the decision, under the reviewDue rule', () => {
    const events = [plan, facts.reviewMeeting('2024-04-16'), facts.reviewDecision('2024-05-20', 'maintain')];
    const fromMeeting = caseClock(events, '2024-06-01').plan!;
    expect(fromMeeting.reviews.map((r) => [r.countedFrom, r.meeting.due, r.meeting.status])).toEqual([
      ['2023-05-10', '2024-05-09', 'on-time'],
      ['2024-04-16', '2025-04-15', 'due'],
    ]);
    expect(fromMeeting.reviews[0]!.decision).toMatchObject({ status: 'late', daysLate: 6, decision: 'maintain' });
    expect(fromMeeting.reviews[0]!.amendedPlan.status).toBe('not-applicable');
    const fromDecision = caseClock(events, '2024-06-01', {
      countFrom: 'day0',
      reviewDue: 'anniversary',
      nextReviewFrom: 'decision',
    }).plan!;
    expect(fromDecision.reviews.map((r) => r.meeting.due)).toEqual(['2024-05-10', '2025-05-20']);
    expect(fromDecision.nextReviewDue).toBe('2025-05-20');
    const overdue = caseClock([plan], '2024-06-01');
    expect(overdue.plan!.reviews[0]!.meeting).toMatchObject({ status: 'overdue', daysLate: 23 });
    expect(overdue.nextDeadline).toEqual({
      kind: 'annual-review',
      due: '2024-05-09',
      overdue: true,
      ref: 'plan-0/review-0',
      until: null,
    });
  });

  it('caps the amended plan at 12 weeks from the meeting, and counts it from the meeting until a notice is sent', () => {
    const meeting = facts.reviewMeeting('2024-04-16');
    const awaitingNotice = caseClock([plan, meeting, facts.reviewDecision('2024-05-01', 'amend')], '2024-08-01');
    expect(awaitingNotice.plan!.reviews[0]!.amendedPlan).toMatchObject({ due: '2024-07-09', status: 'overdue' });
    const lateNotice = caseClock(
      [plan, meeting, facts.reviewDecision('2024-05-01', 'amend'), facts.amendmentNotice('2024-06-04')],
      '2024-07-01',
    );
    expect(lateNotice.plan!.reviews[0]!.amendedPlan.due).toBe('2024-07-09');
    expect(lateNotice.plan!.amendments[0]!.amendedPlan.due).toBe('2024-07-09');
    expect(lateNotice.pending.map((p) => `${p.kind} ${p.ref}`)).toEqual([
      'amended-plan plan-0/review-0',
      'annual-review plan-0/review-1',
    ]);
  });

  it('times amendments outside a review from their notice', () => {
    const clock = caseClock([plan, facts.amendmentNotice('2023-09-01')], '2023-12-01').plan!;
    expect(clock.amendments).toEqual([expect.objectContaining({ reviewIndex: null, noticeOn: '2023-09-01' })]);
    expect(clock.amendments[0]!.amendedPlan).toMatchObject({ due: '2023-10-27', status: 'overdue' });
    expect(caseClock([plan, facts.amendmentNotice('2023-09-01')], '2023-12-01').nextDeadline?.ref).toBe(
      'plan-0/amendment-0',
    );
  });

  it('sets the phase transfer deadline from the review that flags it', () => {
    const events = [plan, facts.reviewMeeting('2024-10-01', { toPhase: 'secondary', transferYear: 2025 })];
    const pending = caseClock(events, '2025-03-01').plan!.reviews[0]!.phaseTransfer!;
    expect(pending).toMatchObject({ toPhase: 'secondary', transferYear: 2025, due: '2025-02-14', status: 'overdue' });
    const done = caseClock(
      [
        ...events,
        facts.reviewDecision('2024-10-20', 'amend'),
        facts.amendmentNotice('2024-10-20'),
        facts.amendedPlan('2024-12-01'),
      ],
      '2025-03-01',
    ).plan!.reviews[0]!;
    expect(done.phaseTransfer?.status).toBe('on-time');
    const post16 = caseClock(
      [plan, facts.reviewMeeting('2024-10-01', { toPhase: 'post-16', transferYear: 2025 })],
      '2025-01-01',
    );
    expect(post16.plan!.reviews[0]!.phaseTransfer?.due).toBe('2025-03-30');
  });

  it('counts a phase transfer amended on 15 February as late: reg 18(1) says before 15 February', () => {
    const amendedOn = (d: string): string | undefined =>
      caseClock(
        [
          plan,
          facts.reviewMeeting('2024-12-01', { toPhase: 'secondary', transferYear: 2025 }),
          facts.reviewDecision('2024-12-20', 'amend'),
          facts.amendmentNotice('2024-12-20'),
          facts.amendedPlan(d),
        ],
        '2025-03-01',
      ).plan!.reviews[0]!.phaseTransfer?.status;
    expect(amendedOn('2025-02-14')).toBe('on-time');
    expect(amendedOn('2025-02-15')).toBe('late');
  });

  it('times a transferred-in plan under reg 15', () => {
    const clock = caseClock([facts.transferredIn('2024-03-01', '201', '2023-09-01')], '2024-04-01').plan!;
    expect(clock.transferredIn).toEqual({
      on: '2024-03-01',
      fromLa: '201',
      lastReviewDate: '2023-09-01',
      notifyBy: '2024-04-12',
      reviewBy: '2024-08-31',
      notification: { due: '2024-04-12', done: null, status: 'due', daysTaken: 31, weeksTaken: 4.4, daysLate: 0 },
      assessmentProposed: null,
    });
    expect(clock.reviews[0]!.meeting.due).toBe('2024-08-31');
    const noLastReview = caseClock([facts.transferredIn('2024-03-01', '201')], '2024-04-01').plan!;
    expect(noLastReview.transferredIn?.reviewBy).toBe('2024-06-01');
    expect(noLastReview.source).toBe('transferred-in');
  });

  it('stops counting a plan once it has ended', () => {
    const ceasedEarly = caseClock([plan, facts.ceased('2024-01-10', 4)], '2024-12-01');
    expect(ceasedEarly.plan!.ceased).toEqual({ on: '2024-01-10', reason: 4 });
    expect(ceasedEarly.plan!.reviews).toEqual([]);
    expect(ceasedEarly.plan!.nextReviewDue).toBeNull();
    expect(ceasedEarly.pending).toEqual([]);
    const missed = caseClock([plan, facts.transferredOut('2024-06-01', '203')], '2024-12-01').plan!;
    expect(missed.transferredOut).toEqual({ on: '2024-06-01', toLa: '203' });
    expect(missed.reviews[0]!.meeting.status).toBe('overdue');
    expect(missed.nextReviewDue).toBeNull();
    const endedBeforeDecision = caseClock(
      [plan, facts.reviewMeeting('2024-04-16'), facts.ceased('2024-04-20')],
      '2024-12-01',
    );
    expect(endedBeforeDecision.plan!.reviews[0]!.decision.status).toBe('not-applicable');
  });
});

describe('the case clock: tribunal', () => {
  it('gives each appeal its window, with the mediation certificate, and times each order', () => {
    const clock = caseClock(
      [
        facts.requested('2024-01-08'),
        facts.refusedToAssess('2024-02-16'),
        facts.mediation('2024-05-01', '2024-02-16'),
        facts.appealRegistered('2024-05-20', 'A1', '2024-02-16'),
        facts.appealDecided('2024-10-01', 'A1', [
          { orderId: 'O1', kind: 'assess' },
          { orderId: 'O2', kind: 'cease-dismissed' },
        ]),
        facts.orderComplied('2024-10-01', 'A1', 'O2'),
        facts.appealRegistered('2024-06-20', 'A2', '2024-02-16', 'refusal-to-assess'),
        facts.appealWithdrawn('2024-07-01', 'A2'),
      ],
      '2025-01-31',
    );
    const [a1, a2] = clock.appeals;
    expect(a1).toMatchObject({
      mediationCertificateOn: '2024-05-01',
      appealDeadline: '2024-06-03', // certificate + 1 month is Saturday 1 June: the next working day (HESC r.12(2))
      registeredInTime: true,
      status: 'decided',
      outcome: 'appellant-favour',
      closedOn: '2024-10-01',
    });
    expect(a1!.orders[0]!.deadlines).toEqual([
      { step: 'notify-decision', due: '2024-10-15' },
      { step: 'no-plan-notice', due: '2024-12-10' },
      { step: 'final-plan', due: '2025-01-07' },
    ]);
    expect(a1!.orders[0]!.compliance).toMatchObject({ due: '2025-01-07', status: 'overdue' });
    expect(a1!.orders[1]!.compliance).toMatchObject({ due: '2024-10-01', status: 'on-time', daysTaken: 0 });
    expect(a2).toMatchObject({
      appealDeadline: '2024-06-03',
      registeredInTime: false,
      status: 'withdrawn',
      outcome: null,
    });
    // The order reopened the refused request: its deadline, not the 20-week one, is what is pending.
    expect(clock.stage).toBe('assessing');
    expect(clock.nextDeadline).toEqual({
      kind: 'tribunal-order',
      due: '2025-01-07',
      overdue: true,
      ref: 'appeal-A1/order-O1',
      until: null,
    });
    expect(clock.pending).toHaveLength(1);
  });
});

describe('the case clock: the case', () => {
  it('has an empty clock for a new case', () => {
    const clock = caseClock(foldCase([]), '2024-01-01');
    expect(clock).toMatchObject({ la: null, caseId: null, stage: 'new', cycles: [], plan: null, nextDeadline: null });
    expect(clock.settings).toEqual(DEFAULT_CALENDAR_SETTINGS);
  });

  it('carries the case details, flags and retractions', () => {
    const request = facts.requested('2024-01-08', { primaryNeed: 'ASD', birthMonth: '2016-02' });
    const stray = facts.adviceRequested('2023-01-01');
    const clock = caseClock([request, stray, facts.retracted('2024-02-01', stray.eventId)], '2024-02-01');
    expect(clock.details).toEqual({
      primaryNeed: 'ASD',
      birthMonth: '2016-02',
      requestSource: 'parent-or-young-person',
    });
    expect(clock.flags.map((f) => f.code)).toEqual(['retracted']);
    expect(clock.retractions).toHaveLength(1);
    expect(clock.la).toBe('202');
    expect(clock.stage).toBe('requested');
  });
});
