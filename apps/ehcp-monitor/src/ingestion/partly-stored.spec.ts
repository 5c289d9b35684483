import { describe, expect, it } from '@jest/globals';
import { FactsPartlyRecordedError, type FactOutcome } from './record-facts.command.js';
import { PARTLY_STORED_TYPE, partlyStoredProblem } from './partly-stored.js';

const outcomes: FactOutcome[] = [
  { eventId: 'a', status: 'accepted' },
  { eventId: 'b', status: 'duplicate' },
  { eventId: 'c', status: 'rejected', code: 'too-early', message: 'before the request' },
  { eventId: 'd', status: 'failed', reason: 'the event store could not be reached; send it again' },
];

describe('the answer for a batch stored in part', () => {
  it('is a 503 problem listing every fact when a retry can overcome the failures', () => {
    const problem = partlyStoredProblem(new FactsPartlyRecordedError(outcomes, true));
    expect(problem.getStatus()).toBe(503);
    expect(problem.problem).toMatchObject({
      type: PARTLY_STORED_TYPE,
      status: 503,
      detail: expect.stringMatching(/^1 of 4 facts were stored and 1 were not/),
      results: outcomes,
    });
  });

  it('is a 500 problem, still listing what was stored, when the store refused for another reason', () => {
    const problem = partlyStoredProblem(new FactsPartlyRecordedError(outcomes, false));
    expect(problem.getStatus()).toBe(500);
    expect((problem.problem as unknown as { results: FactOutcome[] }).results).toEqual(outcomes);
  });
});
