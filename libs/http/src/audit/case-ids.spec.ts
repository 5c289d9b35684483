import { describe, expect, it } from '@jest/globals';
import { shareAnswer } from '../shared-answers.js';
import { caseIdsIn, caseIdsInAnswer } from './case-ids.js';

describe('the case references in an answer', () => {
  it('finds every caseId and caseIds entry, however deep, once each', () => {
    const answer = { groups: [{ cases: [{ caseId: 'C1' }, { caseId: 'C2' }] }, { caseIds: ['C2', 'C3'] }] };
    expect(caseIdsIn(answer)).toEqual({ ids: expect.arrayContaining(['C1', 'C2', 'C3']), count: 3 });
  });

  it('walks a shared answer once and answers a copy each time', () => {
    const answer = shareAnswer({ figures: { cases: [{ caseId: 'C1' }] } });
    const first = caseIdsInAnswer(answer);
    first.ids.unshift('C9');
    // Shared answers never change; the walk is not repeated, and the caller's addition is not kept.
    answer.figures.cases.push({ caseId: 'C2' });
    expect(caseIdsInAnswer(answer)).toEqual({ ids: ['C1'], count: 1 });
    const unshared = { figures: { cases: [{ caseId: 'C1' }] } };
    expect(caseIdsInAnswer(unshared).count).toBe(1);
    unshared.figures.cases.push({ caseId: 'C2' });
    expect(caseIdsInAnswer(unshared).count).toBe(2);
  });
});
