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
    });
  });
});
