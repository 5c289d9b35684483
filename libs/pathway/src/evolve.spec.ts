import { describe, expect, it } from '@jest/globals';
import type { CaseState } from './case-state.js';
import { initialState } from './case-state.js';
import type { PathwayEvent } from './events.js';
import { evolve, foldCase } from './evolve.js';
import { FLAG_CODES, type FlagCode } from './flags.js';
import { facts } from './testing/builders.js';

function record(state: CaseState): Exclude<CaseState, { stage: 'new' }> {
  if (state.stage === 'new') throw new Error('expected a case with facts');
  return state;
}

const flagsSeen = new Set<FlagCode>();
function flagsOf(events: PathwayEvent[]): string[] {
  const flags = record(foldCase(events)).flags;
  flags.forEach((f) => flagsSeen.add(f.code));
  return flags.map((f) => `${f.code} ${f.eventId}`);
}

describe('evolve and foldCase', () => {
  it('starts new, and evolving one event at a time equals folding them at once', () => {
    expect(initialState).toEqual({ stage: 'new' });
    expect(foldCase([])).toBe(initialState);
    const events = [
      facts.requested('2024-01-08'),
      facts.decidedToAssess('2024-02-01'),
      facts.decidedToIssue('2024-04-01'),
    ];
    const stepwise = events.reduce(evolve, initialState);
    expect(stepwise).toEqual(foldCase(events));
    expect(stepwise.stage).toBe('drafting');
  });

  it('keys the state on the pathway stage', () => {
    const request = facts.requested('2024-01-08');
    expect(foldCase([request]).stage).toBe('requested');
    expect(foldCase([request, facts.decidedToAssess('2024-02-01')]).stage).toBe('assessing');
    expect(foldCase([request, facts.decidedToAssess('2024-02-01'), facts.draft('2024-04-01')]).stage).toBe('drafting');
    expect(foldCase([request, facts.refusedToAssess('2024-02-01')]).stage).toBe('no-request');
    const plan = [request, facts.decidedToAssess('2024-02-01'), facts.draft('2024-04-01'), facts.final('2024-05-01')];
    const active = foldCase(plan);
    expect(active.stage === 'plan-active' && active.plan.issued.on).toBe('2024-05-01');
    expect(active.stage === 'plan-active' && active.openCycle).toBeNull();
    const reassessing = foldCase([...plan, facts.requested('2025-01-06')]);
    expect(reassessing.stage === 'plan-active' && reassessing.openCycle?.request.on).toBe('2025-01-06');
    expect(foldCase([...plan, facts.ceased('2024-12-01')]).stage).toBe('ceased');
    expect(foldCase([...plan, facts.transferredOut('2024-12-01')]).stage).toBe('transferred-out');
    // A new request after the plan ended, refused: the case is back to no open request.
    const after = [
      ...plan,
      facts.ceased('2024-12-01'),
      facts.requested('2025-01-06'),
      facts.refusedToAssess('2025-01-20'),
    ];
    expect(foldCase(after).stage).toBe('no-request');
    expect(foldCase([facts.detailsUpdated('2024-01-01', { team: 'West' })]).stage).toBe('no-request');
  });

  it('holds several request cycles over the years', () => {
    const state = record(
      foldCase([
        facts.requested('2019-03-04', { requestSource: 'school' }),
        facts.refusedToAssess('2019-04-10'),
        facts.requested('2022-09-05', { requestSource: 'health' }),
        facts.withdrawn('2022-09-20'),
        facts.requested('2023-01-09'),
        facts.decidedToAssess('2023-02-13'),
        facts.noPlan('2023-04-24'),
      ]),
    );
    expect(state.cycles.map((c) => [c.request.on, c.requestSource, c.outcome, c.closedOn])).toEqual([
      ['2019-03-04', 'school', 'refused', '2019-04-10'],
      ['2022-09-05', 'health', 'withdrawn', '2022-09-20'],
      ['2023-01-09', 'parent-or-young-person', 'no-plan', '2023-04-24'],
    ]);
    expect(state.details.requestSource).toBe('parent-or-young-person');
  });

  it('orders facts by business date, whatever the arrival order, with a pathway tie-break', () => {
    const request = facts.requested('2024-01-08');
    const assess = facts.decidedToAssess('2024-02-01');
    const issue = facts.decidedToIssue('2024-04-01');
    const draft = facts.draft('2024-04-01');
    const inOrder = record(foldCase([request, assess, issue, draft]));
    const shuffled = record(foldCase([draft, issue, assess, request]));
    expect(shuffled.cycles).toEqual(inOrder.cycles);
    expect(shuffled.timeline.map((f) => f.event.eventId)).toEqual(
      [request, assess, issue, draft].map((e) => e.eventId),
    );
    // The decision to issue shares the draft's date, so it is not out of order.
    expect(flagsOf([draft, issue, assess, request])).toEqual([
      `out-of-order ${assess.eventId}`,
      `out-of-order ${request.eventId}`,
    ]);
  });

  it('applies corrections and retractions, keeping both in the history', () => {
    const request = facts.requested('2024-01-08');
    const final = facts.final('2024-05-01');
    const correction = facts.corrected('2024-06-01', request.eventId, {
      occurredOn: '2024-01-03',
      data: { primaryNeed: 'ASD' },
    });
    const state = record(foldCase([request, final, correction]));
    expect(state.cycles[0]?.request.on).toBe('2024-01-03');
    expect(state.details.primaryNeed).toBe('ASD');
    expect(state.history).toHaveLength(3);
    expect(flagsOf([request, final, correction])).toContain(`corrected ${request.eventId}`);
    expect(state.flags.find((f) => f.code === 'corrected')?.message).toContain('first recorded as 2024-01-08');

    const retraction = facts.retracted('2024-06-02', correction.eventId, 'wrong date keyed');
    const undone = record(foldCase([request, final, correction, retraction]));
    expect(undone.cycles[0]?.request.on).toBe('2024-01-08');
    expect(undone.retractions).toEqual([
      {
        retractedEventId: correction.eventId,
        retractedType: 'EventCorrected',
        occurredOn: '2024-06-01',
        retractionEventId: retraction.eventId,
        reason: 'wrong date keyed',
      },
    ]);
    expect(flagsOf([request, final, correction, retraction])).toContain(`retracted ${correction.eventId}`);
    const dataOnly = facts.corrected('2024-06-01', request.eventId, { data: { team: 'South' } });
    expect(record(foldCase([request, dataOnly])).flags[0]?.message).toBe('AssessmentRequested corrected 1 time(s)');
  });

  it('flags what is unusual rather than impossible', () => {
    const request = facts.requested('2024-01-08');
    const orphanDecision = facts.decidedToAssess('2023-01-01');
    expect(flagsOf([orphanDecision])).toEqual([`step-without-predecessor ${orphanDecision.eventId}`]);
    const plan = facts.final('2019-05-01');
    expect(flagsOf([plan])).toEqual([`plan-without-request ${plan.eventId}`]);

    const noDraft = facts.final('2024-05-01');
    const noPlanDecision = facts.draft('2024-04-01');
    expect(flagsOf([request, facts.decidedToAssess('2024-02-01'), noPlanDecision, noDraft])).toEqual([
      `step-without-predecessor ${noPlanDecision.eventId}`,
    ]);
    expect(flagsOf([request, facts.decidedToAssess('2024-02-01'), noDraft])).toEqual([
      `final-plan-without-draft ${noDraft.eventId}`,
    ]);
    const issueWithoutAssess = facts.decidedToIssue('2024-03-01');
    expect(flagsOf([request, issueWithoutAssess])).toEqual([`step-without-predecessor ${issueWithoutAssess.eventId}`]);

    const second = facts.requested('2024-02-01');
    expect(flagsOf([request, second])).toEqual([`request-while-open ${second.eventId}`]);
    const secondDecision = facts.decidedToAssess('2024-02-10');
    expect(flagsOf([request, facts.decidedToAssess('2024-02-01'), secondDecision])).toEqual([
      `repeated-step ${secondDecision.eventId}`,
    ]);
  });

  it('flags steps that do not fit the pathway, without failing', () => {
    const request = facts.requested('2024-01-08');
    const refused = facts.refusedToAssess('2024-02-01');
    const steps = [
      facts.withdrawn('2024-02-28'),
      facts.adviceRequested('2024-03-01'),
      facts.adviceReceived('2024-03-02'),
      facts.decidedToIssue('2024-03-03'),
      facts.draft('2024-03-04'),
    ];
    const again = facts.decidedToAssess('2024-03-05');
    expect(flagsOf([request, refused, ...steps, again])).toEqual([
      ...steps.map((s) => `step-without-predecessor ${s.eventId}`),
      `repeated-step ${again.eventId}`,
    ]);
    const planSteps = [
      facts.reviewMeeting('2024-03-01'),
      facts.reviewDecision('2024-03-02'),
      facts.amendmentNotice('2024-03-03'),
      facts.amendedPlan('2024-03-04'),
      facts.ceased('2024-03-05'),
      facts.transferredOut('2024-03-06'),
      facts.exception('2024-03-07', '2024-03-07', '2024-04-01'),
    ];
    expect(flagsOf(planSteps)).toEqual(planSteps.map((s) => `step-without-predecessor ${s.eventId}`));
    const tribunal = [
      facts.appealWithdrawn('2024-03-01', 'A1'),
      facts.appealConceded('2024-03-02', 'A1'),
      facts.appealDecided('2024-03-03', 'A1'),
      facts.orderComplied('2024-03-04', 'A1', 'O1'),
    ];
    expect(flagsOf(tribunal)).toEqual(tribunal.map((s) => `step-without-predecessor ${s.eventId}`));
  });

  it('flags repeated steps on plans and appeals', () => {
    const plan = facts.final('2020-05-01');
    const review = facts.reviewMeeting('2021-04-01');
    const decision2 = facts.reviewDecision('2021-04-20', 'maintain');
    const noReview = facts.reviewDecision('2020-06-01');
    const amended = facts.amendedPlan('2021-06-01');
    const history = [plan, noReview, review, facts.reviewDecision('2021-04-10', 'maintain'), decision2, amended];
    expect(flagsOf(history)).toEqual([
      `plan-without-request ${plan.eventId}`,
      `step-without-predecessor ${noReview.eventId}`,
      `repeated-step ${decision2.eventId}`,
      `step-without-predecessor ${amended.eventId}`,
    ]);
    const registered = facts.appealRegistered('2021-05-01', 'A1', '2021-04-10', 'plan-contents');
    const again = {
      ...facts.appealRegistered('2021-05-02', 'A1', '2021-04-10'),
      eventId: facts.final('2000-01-01').eventId,
    };
    const withdrawn = facts.appealWithdrawn('2021-06-01', 'A1');
    const conceded = facts.appealConceded('2021-06-02', 'A1');
    const decided = facts.appealDecided('2021-06-03', 'A1', [{ orderId: 'O1', kind: 'amend' }]);
    expect(flagsOf([registered, again, withdrawn, conceded, decided])).toEqual([
      `repeated-step ${again.eventId}`,
      `repeated-step ${conceded.eventId}`,
      `repeated-step ${decided.eventId}`,
    ]);
    const orderDecided = facts.appealDecided('2021-06-03', 'A1', [{ orderId: 'O1', kind: 'amend' }]);
    const complied = facts.orderComplied('2021-06-10', 'A1', 'O1');
    const twice = facts.orderComplied('2021-06-11', 'A1', 'O1');
    const unknownOrder = facts.orderComplied('2021-06-12', 'A1', 'O9');
    expect(flagsOf([registered, orderDecided, complied, twice, unknownOrder])).toEqual([
      `repeated-step ${twice.eventId}`,
      `step-without-predecessor ${unknownOrder.eventId}`,
    ]);
    const dupPlan = facts.final('2020-06-01');
    expect(flagsOf([plan, dupPlan])).toEqual([
      `plan-without-request ${plan.eventId}`,
      `repeated-step ${dupPlan.eventId}`,
    ]);
    const request = facts.requested('2024-01-08');
    const final = facts.final('2024-05-01');
    const extraDraft = facts.draft('2024-04-10');
    const extraIssue = facts.decidedToIssue('2024-04-11');
    const extraFinal = facts.final('2024-05-02');
    expect(
      flagsOf([
        request,
        facts.decidedToAssess('2024-02-01'),
        facts.decidedToIssue('2024-03-01'),
        facts.draft('2024-04-01'),
        extraDraft,
        extraIssue,
        final,
        extraFinal,
      ]),
    ).toEqual([
      `repeated-step ${extraDraft.eventId}`,
      `repeated-step ${extraIssue.eventId}`,
      `repeated-step ${extraFinal.eventId}`,
    ]);
  });

  it('matches advice received to advice requested', () => {
    const state = record(
      foldCase([
        facts.requested('2024-01-08'),
        facts.adviceRequested('2024-02-01', 'health'),
        facts.adviceRequested('2024-02-01', 'school'),
        facts.adviceReceived('2024-03-01', 'school'),
        facts.adviceReceived('2024-03-02', 'parent'),
      ]),
    );
    expect(state.cycles[0]?.advice.map((a) => [a.adviceFrom, a.requested?.on ?? null, a.received?.on ?? null])).toEqual(
      [
        ['health', '2024-02-01', null],
        ['school', '2024-02-01', '2024-03-01'],
        ['parent', null, '2024-03-02'],
      ],
    );
  });

  it('lets advice asked for arrive after its request ended', () => {
    const late = facts.adviceReceived('2024-03-01', 'health');
    const events = [
      facts.requested('2024-01-08'),
      facts.adviceRequested('2024-01-20', 'health'),
      facts.withdrawn('2024-02-01'),
    ];
    const state = record(foldCase([...events, late]));
    expect(state.cycles[0]?.advice[0]?.received?.on).toBe('2024-03-01');
    expect(state.flags).toEqual([]);
    const unasked = facts.adviceReceived('2024-03-01', 'school');
    expect(flagsOf([...events, unasked])).toEqual([`step-without-predecessor ${unasked.eventId}`]);
  });

  it('reopens a refused request when the tribunal orders an assessment, and marks the plan tribunal-ordered', () => {
    const events = [
      facts.requested('2023-01-09'),
      facts.refusedToAssess('2023-02-10'),
      facts.mediation('2023-03-01', '2023-02-10'),
      facts.appealRegistered('2023-03-20', 'A1', '2023-02-10'),
      facts.appealDecided('2023-09-01', 'A1', [{ orderId: 'O1', kind: 'assess' }]),
    ];
    const reopened = record(foldCase(events));
    expect(reopened.stage).toBe('assessing');
    expect(reopened.cycles[0]?.reopenedBy).toEqual({ appealId: 'A1', orderId: 'O1', kind: 'assess', on: '2023-09-01' });
    expect(reopened.appeals[0]?.mediationCertificateOn).toBe('2023-03-01');
    const planned = foldCase([
      ...events,
      facts.decidedToIssue('2023-10-01'),
      facts.draft('2023-11-01'),
      facts.final('2023-12-01'),
    ]);
    expect(planned.stage === 'plan-active' && planned.plan.source).toBe('tribunal-ordered');
    expect(record(planned).flags).toEqual([]);
    const makeAndMaintain = [
      facts.requested('2023-01-09'),
      facts.decidedToAssess('2023-02-10'),
      facts.noPlan('2023-04-10'),
      facts.appealRegistered('2023-05-20', 'A1', '2023-04-10', 'refusal-to-issue'),
      facts.appealDecided('2023-09-01', 'A1', [{ orderId: 'O1', kind: 'make-and-maintain' }]),
    ];
    expect(foldCase(makeAndMaintain).stage).toBe('drafting');
    expect(record(foldCase([...makeAndMaintain, facts.draft('2023-10-01')])).flags).toEqual([]);
  });

  it('replaces a plan in force when a new one is issued or transferred in', () => {
    const state = record(
      foldCase([
        facts.final('2019-05-01'),
        facts.requested('2022-01-10'),
        facts.decidedToAssess('2022-02-01'),
        facts.draft('2022-04-01'),
        facts.final('2022-05-01'),
        facts.transferredIn('2023-03-01', '201'),
      ]),
    );
    expect(state.plans.map((p) => [p.issued.on, p.source, p.status, p.endedOn, p.cycleIndex])).toEqual([
      ['2019-05-01', 'new', 'replaced', '2022-05-01', null],
      ['2022-05-01', 'new', 'replaced', '2023-03-01', 0],
      ['2023-03-01', 'transferred-in', 'active', null, null],
    ]);
  });

  it('attaches amendment notices to the review that called for them, or stands them alone', () => {
    const state = record(
      foldCase([
        facts.final('2020-05-01'),
        facts.amendmentNotice('2020-09-01'),
        facts.amendedPlan('2020-10-01'),
        facts.reviewMeeting('2021-04-01'),
        facts.reviewDecision('2021-04-10', 'amend'),
        facts.amendmentNotice('2021-04-20'),
        facts.amendmentNotice('2021-05-20'),
        facts.reviewMeeting('2022-04-01'),
        facts.reviewDecision('2022-04-10', 'maintain'),
        facts.amendmentNotice('2022-06-01'),
      ]),
    );
    expect(state.plans[0]?.amendments.map((a) => [a.notice.on, a.reviewIndex])).toEqual([
      ['2020-09-01', null],
      ['2021-04-20', 0],
      ['2021-05-20', null],
      ['2022-06-01', null],
    ]);
  });

  it('reports every flag code somewhere in these tests', () => {
    expect(FLAG_CODES.filter((c) => !flagsSeen.has(c))).toEqual([]);
  });
});
