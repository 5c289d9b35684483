import { describe, expect, it } from '@jest/globals';
import { decide } from './decide.js';
import type { PathwayEvent } from './events.js';
import { foldCase } from './evolve.js';
import { REJECTION_CODES, type RejectionCode } from './rejections.js';
import { fact, facts, testEventId } from './testing/builders.js';
import { given } from './testing/specification.js';

const now = '2025-01-31';

const accepts = (history: PathwayEvent[], event: PathwayEvent) => given(history).when({ event, now }).then([event]);
const rejects = (history: PathwayEvent[], event: PathwayEvent, code: RejectionCode) =>
  given(history).when({ event, now }).thenRejectedWith(code);

const rejectionsSeen = new Set<RejectionCode>();
function rejected(history: PathwayEvent[], event: PathwayEvent, code: RejectionCode): string {
  rejectionsSeen.add(code);
  return rejects(history, event, code);
}

describe('decide: accepting every kind of fact', () => {
  it('walks a case through request, assessment, plan, review, tribunal and cessation', () => {
    const steps: PathwayEvent[] = [
      facts.requested('2023-01-09', { birthMonth: '2016-04', primaryNeed: 'SLCN' }),
      facts.adviceRequested('2023-02-01', 'educational-psychologist'),
      facts.decidedToAssess('2023-02-10'),
      facts.exception('2023-03-01', '2023-03-24', '2023-04-21', 'personal-circumstances'),
      facts.adviceReceived('2023-03-10', 'educational-psychologist'),
      facts.decidedToIssue('2023-04-20'),
      facts.draft('2023-05-01'),
      facts.final('2023-05-22'),
      facts.mediation('2023-06-20', '2023-05-22'),
      facts.appealRegistered('2023-07-01', 'A1', '2023-05-22', 'plan-contents'),
      facts.appealDecided('2023-11-01', 'A1', [{ orderId: 'O1', kind: 'amend' }]),
      facts.orderComplied('2023-11-20', 'A1', 'O1'),
      facts.reviewMeeting('2024-05-01', { toPhase: 'secondary', transferYear: 2025 }),
      facts.reviewDecision('2024-05-20', 'amend'),
      facts.amendmentNotice('2024-05-20'),
      facts.amendedPlan('2024-07-01'),
      facts.detailsUpdated('2024-08-01', { team: 'East' }),
      facts.appealRegistered('2024-08-02', 'A2', '2024-07-01', 'plan-contents'),
      facts.appealWithdrawn('2024-08-20', 'A2'),
      facts.appealRegistered('2024-08-21', 'A3', '2024-07-01', 'plan-contents'),
      facts.appealConceded('2024-09-20', 'A3'),
      facts.ceased('2024-12-01', 3),
    ];
    const history: PathwayEvent[] = [];
    for (const step of steps) {
      const state = accepts(history, step);
      history.push(step);
      expect(state.stage).not.toBe('new');
    }
    const state = foldCase(history);
    expect(state.stage).toBe('ceased');
    expect(state.stage !== 'new' && state.flags).toEqual([]);
  });

  it('accepts transfers in and out', () => {
    const transferIn = facts.transferredIn('2024-01-10', '201', '2023-09-01');
    const state = accepts([], transferIn);
    expect(state.stage).toBe('plan-active');
    const out = facts.transferredOut('2024-06-01', '203');
    expect(accepts([transferIn], out).stage).toBe('transferred-out');
  });

  it('accepts a withdrawal during assessment', () => {
    const history = [facts.requested('2024-01-08'), facts.decidedToAssess('2024-02-01')];
    expect(accepts(history, facts.withdrawn('2024-03-01')).stage).toBe('no-request');
  });

  it('accepts corrections and retractions', () => {
    const request = facts.requested('2024-01-08');
    const correction = facts.corrected('2024-02-01', request.eventId, { occurredOn: '2024-01-05' });
    const state = accepts([request], correction);
    expect(state.stage !== 'new' && state.cycles[0]?.request.on).toBe('2024-01-05');
    const retraction = facts.retracted('2024-02-02', request.eventId);
    expect(accepts([request, correction], retraction).stage).toBe('no-request');
  });

  it('returns the command event itself, unchanged', () => {
    const event = facts.requested('2024-01-08');
    const decision = decide({ event, now }, foldCase([]));
    expect(decision).toEqual({ kind: 'accepted', events: [event] });
  });

  it('refuses a `now` that is not a date', () => {
    expect(() => decide({ event: facts.requested('2024-01-08'), now: 'today' }, foldCase([]))).toThrow(RangeError);
  });
});

describe('decide: rejections', () => {
  it('invalid-date: occurredOn or a data date that is not a real date', () => {
    expect(rejected([], facts.requested('2024-02-30'), 'invalid-date')).toContain('2024-02-30');
    expect(rejected([], facts.exception('2024-03-01', '2024-02-31', '2024-04-01'), 'invalid-date')).toContain(
      'data.from',
    );
    expect(rejected([], facts.mediation('2024-03-01', '24-01-01'), 'invalid-date')).toContain('data.decisionDate');
  });

  it('invalid-event: anything else the shape check refuses', () => {
    const event = { ...facts.decidedToAssess('2024-02-01'), data: { decision: 'perhaps' } } as unknown as PathwayEvent;
    expect(rejected([], event, 'invalid-event')).toContain('data.decision');
  });

  it('future-date: occurredOn, a data date or a birth month after today', () => {
    rejected([], facts.requested('2025-02-01'), 'future-date');
    rejected([], facts.appealRegistered('2025-01-20', 'A1', '2025-03-01'), 'future-date');
    rejected([], facts.requested('2024-01-08', { birthMonth: '2025-02' }), 'future-date');
    const request = facts.requested('2024-01-08');
    rejected([request], facts.corrected('2025-01-01', request.eventId, { occurredOn: '2025-06-01' }), 'future-date');
    // An exception period can be known ahead of time.
    accepts([request], facts.exception('2025-01-20', '2025-02-10', '2025-04-01'));
    accepts([], facts.requested('2024-01-08', { birthMonth: '2025-01' }));
  });

  it('case-mismatch: a fact for another case or LA', () => {
    const history = [facts.requested('2024-01-08')];
    rejected(history, fact('DraftPlanIssued', '2024-03-01', {}, { caseId: 'case-002' }), 'case-mismatch');
    rejected(history, fact('DraftPlanIssued', '2024-03-01', {}, { la: '203' }), 'case-mismatch');
  });

  it('conflict: an eventId already recorded on the case with another date or data', () => {
    const request = facts.requested('2024-01-08');
    rejected([request], { ...request, occurredOn: '2024-01-09' }, 'conflict');
    rejected([request], { ...request, data: { ...request.data, requestSource: 'school' } }, 'conflict');
  });

  it('duplicate-event: an eventId already recorded', () => {
    const request = facts.requested('2024-01-08');
    rejected([request], { ...request }, 'duplicate-event');
  });

  it('final-plan-before-request: a final plan dated before the request it answers', () => {
    const history = [facts.requested('2024-03-04'), facts.decidedToAssess('2024-04-12')];
    expect(rejected(history, facts.final('2023-07-15'), 'final-plan-before-request')).toContain('2024-03-04');
  });

  it('step-before-request: a decision or draft dated before the request it answers', () => {
    const history = [facts.requested('2024-03-04')];
    rejected(history, facts.decidedToAssess('2024-03-01'), 'step-before-request');
    rejected(history, facts.decidedToIssue('2024-02-01'), 'step-before-request');
    rejected(history, facts.draft('2024-02-01'), 'step-before-request');
  });

  it('reads a step dated before the only request, which still awaits that step, as a mistyped date', () => {
    const later = facts.requested('2024-03-04');
    rejected([later], facts.final('2019-05-01'), 'final-plan-before-request');
    // With a plan already recorded before that request, the request is a re-assessment and the early step
    // belongs to a pathway from before the system: accepted, and flagged.
    const state = accepts([facts.final('2019-05-01'), later], facts.decidedToAssess('2018-12-01'));
    expect(state.stage !== 'new' && state.flags.map((f) => f.code)).toEqual([
      'step-without-predecessor',
      'plan-without-request',
      'out-of-order',
    ]);
  });

  it('duplicate-final-plan: a second final plan for one request, or while an unrequested plan is in force', () => {
    const history = [facts.requested('2024-01-08'), facts.decidedToAssess('2024-02-01'), facts.final('2024-05-20')];
    expect(rejected(history, facts.final('2024-05-27'), 'duplicate-final-plan')).toContain('2024-05-20');
    rejected(history, facts.final('2024-04-01'), 'duplicate-final-plan');
    rejected([facts.final('2019-05-01')], facts.final('2020-05-01'), 'duplicate-final-plan');
    // Once the earlier plan has ceased, a later one (its request predating the system) is merely flagged.
    accepts([facts.final('2015-05-01'), facts.ceased('2017-01-01')], facts.final('2020-05-01'));
  });

  it('no-open-request: a step between a withdrawn request and the next one, or a withdrawal between requests', () => {
    const withdrawn = [facts.requested('2024-01-08'), facts.withdrawn('2024-01-20'), facts.requested('2024-06-03')];
    expect(rejected(withdrawn, facts.decidedToAssess('2024-02-01'), 'no-open-request')).toContain('withdrawn');
    rejected(withdrawn, facts.final('2024-05-01'), 'no-open-request');
    const refused = [facts.requested('2024-01-08'), facts.refusedToAssess('2024-02-01'), facts.requested('2024-06-03')];
    expect(rejected(refused, facts.withdrawn('2024-02-10'), 'no-open-request')).toContain('refused');
    // A withdrawal dated before the refusal is in order.
    accepts(refused, facts.withdrawn('2024-01-20'));
  });

  it('accepts and flags a step after the latest request ended: its own request may still arrive', () => {
    const withdrawn = [facts.requested('2024-01-08'), facts.withdrawn('2024-01-20')];
    const decision = facts.decidedToAssess('2024-07-01');
    const flagged = accepts(withdrawn, decision);
    expect(flagged.stage !== 'new' && flagged.flags.map((f) => `${f.code} ${f.eventId}`)).toEqual([
      `step-without-predecessor ${decision.eventId}`,
    ]);
    const lateRequest = facts.requested('2024-06-03');
    const placed = accepts([...withdrawn, decision], lateRequest);
    expect(placed.stage).toBe('assessing');
    expect(placed.stage !== 'new' && placed.flags.map((f) => f.code)).toEqual(['out-of-order']);
    const refused = [facts.requested('2024-01-08'), facts.refusedToAssess('2024-02-01')];
    accepts(refused, facts.withdrawn('2024-02-10'));
    // A withdrawal with no request recorded may answer a request from before the system.
    accepts([], facts.withdrawn('2024-02-10'));
  });

  it('exception-period-invalid: an exception that ends before it starts', () => {
    const history = [facts.requested('2024-01-08')];
    rejected(history, facts.exception('2024-02-01', '2024-03-01', '2024-02-01'), 'exception-period-invalid');
    accepts(history, facts.exception('2024-02-01', '2024-03-01', '2024-03-01'));
  });

  it('appeal rules: registration, unknown appeals and orders, closed appeals, dates before their predecessor', () => {
    const registered = facts.appealRegistered('2024-04-01', 'A1', '2024-02-01');
    rejected([registered], facts.appealRegistered('2024-04-02', 'A1', '2024-02-01'), 'appeal-already-registered');
    rejected([], facts.appealRegistered('2024-04-01', 'A1', '2024-05-01'), 'date-before-predecessor');
    rejected([], facts.mediation('2024-04-01', '2024-05-01'), 'date-before-predecessor');
    rejected([], facts.transferredIn('2024-04-01', '201', '2024-05-01'), 'date-before-predecessor');
    rejected([registered], facts.appealWithdrawn('2024-05-01', 'A2'), 'unknown-appeal');
    rejected([registered], facts.appealConceded('2024-05-01', 'A2'), 'unknown-appeal');
    rejected([], facts.appealDecided('2024-05-01', 'A2'), 'unknown-appeal');
    rejected([registered], facts.appealDecided('2024-03-01', 'A1'), 'date-before-predecessor');
    const decided = [registered, facts.appealDecided('2024-09-01', 'A1', [{ orderId: 'O1', kind: 'assess' }])];
    rejected(decided, facts.appealWithdrawn('2024-09-02', 'A1'), 'appeal-already-closed');
    rejected(decided, facts.orderComplied('2024-10-01', 'A9', 'O1'), 'unknown-appeal');
    rejected(decided, facts.orderComplied('2024-10-01', 'A1', 'O2'), 'unknown-order');
    rejected([registered], facts.orderComplied('2024-10-01', 'A1', 'O1'), 'unknown-order');
    rejected(decided, facts.orderComplied('2024-08-01', 'A1', 'O1'), 'date-before-predecessor');
    const complied = [...decided, facts.orderComplied('2024-10-01', 'A1', 'O1')];
    rejected(complied, facts.orderComplied('2024-10-02', 'A1', 'O1'), 'order-already-complied');
  });

  it('unknown-event, already-retracted, invalid-retraction', () => {
    const request = facts.requested('2024-01-08');
    rejected([], facts.corrected('2024-02-01', request.eventId, { occurredOn: '2024-01-05' }), 'unknown-event');
    rejected([request], facts.retracted('2024-02-01', testEventId(999_999)), 'unknown-event');
    rejected([], facts.retracted('2024-02-01', request.eventId), 'unknown-event');
    const retraction = facts.retracted('2024-02-01', request.eventId);
    rejected([request, retraction], facts.retracted('2024-02-02', request.eventId), 'already-retracted');
    rejected(
      [request, retraction],
      facts.corrected('2024-02-02', request.eventId, { occurredOn: '2024-01-05' }),
      'already-retracted',
    );
    rejected([request, retraction], facts.retracted('2024-02-02', retraction.eventId), 'invalid-retraction');
  });

  it('invalid-correction: nothing changed, a correction corrected, foreign fields, or an impossible result', () => {
    const request = facts.requested('2024-01-08');
    const assess = facts.decidedToAssess('2024-02-01');
    const final = facts.final('2024-05-20');
    const history = [request, assess, final];
    rejected(history, facts.corrected('2024-06-01', final.eventId, {}), 'invalid-correction');
    rejected(history, facts.corrected('2024-06-01', final.eventId, { data: {} }), 'invalid-correction');
    const correction = facts.corrected('2024-06-01', assess.eventId, { occurredOn: '2024-02-02' });
    rejected(
      [...history, correction],
      facts.corrected('2024-06-02', correction.eventId, { occurredOn: '2024-02-03' }),
      'invalid-correction',
    );
    expect(
      rejected(
        history,
        facts.corrected('2024-06-01', assess.eventId, { data: { decision: 'later' } }),
        'invalid-correction',
      ),
    ).toContain('data.decision');
    rejected(
      history,
      facts.corrected('2024-06-01', assess.eventId, { data: { appealId: 'A1' } }),
      'invalid-correction',
    );
    rejected(history, facts.corrected('2024-06-01', final.eventId, { occurredOn: '2023-12-01' }), 'invalid-correction');
    rejected(history, facts.corrected('2024-06-01', final.eventId, { occurredOn: '2024-13-01' }), 'invalid-date');
    expect(
      rejected(
        history,
        facts.corrected('2024-06-01', request.eventId, { occurredOn: '2024-06-01' }),
        'invalid-correction',
      ),
    ).toContain('after the correction');
    const appeal = facts.appealRegistered('2024-07-01', 'A1', '2024-05-20', 'plan-contents');
    const withdrawn = facts.appealWithdrawn('2024-07-20', 'A1');
    rejected(
      [...history, appeal, withdrawn],
      facts.corrected('2024-08-01', appeal.eventId, { data: { appealId: 'A2' } }),
      'invalid-correction',
    );
    // A correction that keeps the case coherent is accepted.
    accepts(history, facts.corrected('2024-06-01', final.eventId, { occurredOn: '2024-05-27' }));
  });

  it('covers every rejection code', () => {
    const uncovered = REJECTION_CODES.filter((c) => !rejectionsSeen.has(c));
    expect(uncovered).toEqual([]);
  });
});
