import { describe, expect, it } from '@jest/globals';
import { decide } from './decide.js';
import { foldCase } from './evolve.js';
import { facts } from './testing/builders.js';
import { given } from './testing/specification.js';

const now = '2025-01-31';

describe('decide: the request cycle', () => {
  it('accepts a request on a new case and opens a cycle', () => {
    const request = facts.requested('2024-01-08');
    const state = given([]).when({ event: request, now }).then([request]);
    expect(state.stage).toBe('requested');
  });

  it('rejects a final plan dated before the request it answers', () => {
    const request = facts.requested('2024-03-04');
    given([request, facts.decidedToAssess('2024-04-12')])
      .when({ event: facts.final('2023-07-15'), now })
      .thenRejectedWith('final-plan-before-request');
  });

  it('rejects a second final plan for the same request', () => {
    const history = [facts.requested('2024-01-08'), facts.decidedToAssess('2024-02-01'), facts.final('2024-05-20')];
    given(history)
      .when({ event: facts.final('2024-05-27'), now })
      .thenRejectedWith('duplicate-final-plan');
  });

  it('accepts a final plan with no request and flags it', () => {
    const plan = facts.final('2019-05-01');
    const state = given([]).when({ event: plan, now }).then([plan]);
    expect(state.stage).toBe('plan-active');
    expect(state.stage !== 'new' && state.flags.map((f) => f.code)).toEqual(['plan-without-request']);
  });

  it('rejects a fact dated after today', () => {
    given([])
      .when({ event: facts.requested('2025-02-01'), now })
      .thenRejectedWith('future-date');
  });

  it('orders facts by business date, not arrival', () => {
    const request = facts.requested('2024-01-08');
    const decision = facts.decidedToAssess('2024-02-01');
    const state = foldCase([decision, request]);
    expect(state.stage).toBe('assessing');
    expect(decide({ event: facts.draft('2024-04-01'), now }, state).kind).toBe('accepted');
  });
});
