import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { caseClock } from './clock.js';
import { deriveCase } from './derive.js';
import type { PathwayEvent } from './events.js';
import { facts } from './testing/builders.js';
import { validatePathwayEvent } from './contract/index.js';
import { caseWorklist, plainDate } from './worklist.js';

const settings = DEFAULT_CALENDAR_SETTINGS;
const worklistOf = (events: PathwayEvent[]) => caseWorklist(deriveCase(events), settings);
const plan = [facts.requested('2023-01-09'), facts.decidedToAssess('2023-02-01'), facts.final('2023-05-01')];

describe('reg 15(4): the transfer-in notification is a fact with its own deadline', () => {
  // Transfer Fri 1 Mar 2024: 6 weeks from it is Fri 12 Apr 2024 (day 42).
  const transfer = facts.transferredIn('2024-03-01', '201', '2023-09-01');

  it('is pending until the notice is recorded, due 6 weeks from the transfer', () => {
    const clock = caseClock([transfer], '2024-04-13');
    expect(clock.plan!.transferredIn!.notification).toMatchObject({ due: '2024-04-12', status: 'overdue' });
    expect(clock.pending.map((p) => [p.kind, p.due])).toContainEqual(['transfer-notification', '2024-04-12']);
    expect(worklistOf([transfer])[0]).toEqual({
      step: 'transfer-notification',
      ref: 'plan-0/transfer',
      due: '2024-04-12',
      until: null,
      action:
        'Tell the family the plan has transferred, whether you will assess and when you will review (due 12 Apr 2024)',
    });
  });

  it('is on time on the last day of the 6 weeks and late the day after', () => {
    const on = caseClock([transfer, facts.transferNotified('2024-04-12', true)], '2024-05-01').plan!.transferredIn!;
    expect(on.notification.status).toBe('on-time');
    expect(on.assessmentProposed).toBe(true);
    const late = caseClock([transfer, facts.transferNotified('2024-04-13')], '2024-05-01');
    expect(late.plan!.transferredIn!.notification).toMatchObject({ status: 'late', daysLate: 1 });
    expect(late.pending.some((p) => p.kind === 'transfer-notification')).toBe(false);
  });

  it('flags a notice for a plan that was not transferred in, and validates its data', () => {
    const state = deriveCase([...plan, facts.transferNotified('2023-06-01')]);
    if (state.stage === 'new') throw new Error('no case');
    expect(state.flags.map((f) => f.code)).toContain('step-without-predecessor');
    const bad = validatePathwayEvent({ ...facts.transferNotified('2024-04-01'), data: { assessmentProposed: 'yes' } });
    expect(bad).toMatchObject({ ok: false, errors: [{ path: 'data.assessmentProposed' }] });
  });
});

describe('reg 18(2): a move between post-16 institutions, amended at least five months before it', () => {
  const post16 = (transferOn: string) =>
    facts.reviewMeeting('2024-01-10', {
      fromPhase: 'post-16',
      toPhase: 'post-16',
      transferYear: Number(transferOn.slice(0, 4)),
      transferOn,
    });
  const amended = (transferOn: string, on: string) =>
    caseClock(
      [
        ...plan,
        post16(transferOn),
        facts.reviewDecision('2024-01-20'),
        facts.amendmentNotice('2024-01-20'),
        facts.amendedPlan(on),
      ],
      '2024-12-31',
    ).plan!.reviews[0]!.phaseTransfer!;

  it('transfer 1 Sep 2024: due 1 Apr 2024 (not 31 March, the secondary-to-post-16 date); 2 April is late', () => {
    expect(amended('2024-09-01', '2024-04-01')).toMatchObject({ due: '2024-04-01', status: 'on-time' });
    expect(amended('2024-09-01', '2024-04-02')).toMatchObject({ due: '2024-04-01', status: 'late' });
  });

  it('transfer 31 Jul 2024: five months earlier has no 31st, so 29 Feb 2024 (a leap year) is the last day', () => {
    expect(amended('2024-07-31', '2024-02-29').status).toBe('on-time');
    expect(amended('2024-07-31', '2024-03-01').status).toBe('late');
  });

  it('a move from post-16 needs its date and a post-16 destination', () => {
    const meeting = facts.reviewMeeting('2024-01-10', { fromPhase: 'post-16', toPhase: 'post-16', transferYear: 2024 });
    expect(validatePathwayEvent(meeting)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.phaseTransfer.transferOn' }],
    });
    const elsewhere = facts.reviewMeeting('2024-01-10', {
      fromPhase: 'post-16',
      toPhase: 'secondary',
      transferYear: 2024,
      transferOn: '2024-09-01',
    });
    expect(validatePathwayEvent(elsewhere)).toMatchObject({
      ok: false,
      errors: [{ path: 'data.phaseTransfer.toPhase' }],
    });
  });
});

describe('superseded steps are closed with their outcome, not pending', () => {
  it("a review's missing decision is overtaken by the next review meeting", () => {
    const events = [...plan, facts.reviewMeeting('2024-04-15'), facts.reviewMeeting('2025-04-10')];
    const clock = caseClock(events, '2025-05-01');
    expect(clock.pending.filter((p) => p.ref === 'plan-0/review-0')).toEqual([]);
    expect(clock.superseded).toEqual([
      {
        kind: 'review-decision',
        due: '2024-05-13',
        ref: 'plan-0/review-0',
        closedOn: '2025-04-10',
        outcome: 'next-review-held',
      },
    ]);
    expect(clock.pending.map((p) => p.kind)).toEqual(['review-decision', 'annual-review']);
  });

  it('a phase transfer never amended closes once the transfer has taken place (the end of its year)', () => {
    const events = [
      ...plan,
      facts.reviewMeeting('2024-04-15', { toPhase: 'secondary', transferYear: 2025 }),
      facts.reviewDecision('2024-04-20', 'maintain'),
    ];
    expect(caseClock(events, '2025-12-31').pending.map((p) => p.kind)).toContain('phase-transfer');
    const after = caseClock(events, '2026-01-01');
    expect(after.pending.map((p) => p.kind)).not.toContain('phase-transfer');
    expect(after.superseded).toContainEqual(
      expect.objectContaining({ kind: 'phase-transfer', closedOn: '2025-12-31', outcome: 'transfer-took-place' }),
    );
    const entry = worklistOf(events).find((e) => e.step === 'phase-transfer');
    expect(entry).toMatchObject({ due: '2025-02-14', until: '2025-12-31' });
  });
});

describe('the worklist of a case', () => {
  it('says the next action in plain words with its due date', () => {
    expect(plainDate('2024-03-12')).toBe('12 Mar 2024');
    expect(worklistOf([facts.requested('2024-01-30')])).toEqual([
      {
        step: 'assessment-decision',
        ref: 'cycle-0',
        due: '2024-03-12',
        until: null,
        action: 'Decide whether to assess (due 12 Mar 2024)',
      },
    ]);
  });

  it('keeps only the open appeal window of a ceased plan', () => {
    // Overdue review (due 29 Apr 2024) and a cease decision on 1 Jul 2024: window to 2 Sep 2024 (August rule).
    const events = [...plan, facts.ceased('2024-07-01', 2)];
    expect(worklistOf(events)).toEqual([
      expect.objectContaining({ step: 'appeal-window', until: '2024-09-02', due: '2024-09-02' }),
    ]);
    expect(worklistOf(events)[0]!.action).toBe(
      'Be ready for an appeal against the decision to cease the plan (window closes 2 Sep 2024)',
    );
  });

  it('keeps nothing for a plan transferred out (not an appealable decision)', () => {
    expect(worklistOf([...plan, facts.transferredOut('2024-07-01', '203')])).toEqual([]);
  });
});
