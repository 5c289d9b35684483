import { describe, expect, it } from '@jest/globals';
import * as pathway from '#pathway';
import { facts } from './testing/builders.js';

describe('the public API', () => {
  it('decides, folds and clocks a case through the package import', () => {
    const request = facts.requested('2024-01-08');
    const decision = pathway.decide({ event: request, now: '2024-01-31' }, pathway.initialState);
    expect(decision.kind).toBe('accepted');
    const state = pathway.evolve(pathway.initialState, request);
    expect(pathway.caseClock(state, '2024-01-31').nextDeadline?.due).toBe('2024-02-19');
    expect(pathway.streamNameFor('202', 'case-001')).toBe('ehcp-case-202-case-001');
    expect(pathway.REJECTION_CODES).toContain('duplicate-final-plan');
    expect(pathway.FLAG_CODES).toContain('plan-without-request');
  });
});
