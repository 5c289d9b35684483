import { ProblemException, problemType } from '#http';
import type { FactsPartlyRecordedError } from './record-facts.command.js';

export const PARTLY_STORED_TYPE = problemType('partly-stored');
/** Seconds a client should wait before sending the batch again after a transient failure. */
export const PARTLY_STORED_RETRY_AFTER = 5;

/**
 * The HTTP answer for a batch stored in part: a problem whose `results` lists, per fact in the order sent, accepted,
 * duplicate, rejected (with the code) or failed (with the reason). 503 with Retry-After when every failure is one a
 * retry can overcome (a conflict that kept recurring, the store unreachable), else 500; either way the stored facts
 * are named, and sending the batch again answers them "duplicate".
 */
export function partlyStoredProblem(error: FactsPartlyRecordedError): ProblemException {
  const failed = error.outcomes.filter((outcome) => outcome.status === 'failed').length;
  const stored = error.outcomes.filter((outcome) => outcome.status === 'accepted').length;
  return new ProblemException({
    type: PARTLY_STORED_TYPE,
    title: 'Some facts were not stored',
    status: error.transient ? 503 : 500,
    detail:
      `${stored} of ${error.outcomes.length} facts were stored and ${failed} were not (status "failed" in results). ` +
      'Send the batch again: facts already stored answer "duplicate".',
    results: error.outcomes,
  } as ConstructorParameters<typeof ProblemException>[0]);
}
