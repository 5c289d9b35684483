import { Command } from '@nestjs/cqrs';
import type { PathwayEvent } from '#pathway';

/** The answer for one fact, in the order the facts were sent. */
export type FactResult =
  | { readonly eventId: string; readonly status: 'accepted' }
  | { readonly eventId: string; readonly status: 'duplicate' }
  /** The eventId is recorded with other content: nothing of this fact was stored. */
  | { readonly eventId: string; readonly status: 'conflict'; readonly code: 'conflict'; readonly message: string }
  | { readonly eventId: string; readonly status: 'rejected'; readonly code: string; readonly message: string };

/** Record shape-checked pathway facts for one LA: each is decided against its case and appended. */
export class RecordPathwayFacts extends Command<FactResult[]> {
  constructor(
    readonly la: string,
    readonly events: readonly PathwayEvent[],
    /** Who sent the facts: the token's client or subject, or `kafka:<topic>`; kept in each fact's metadata. */
    readonly recordedBy: string,
  ) {
    super();
  }
}

/** A fact that was not stored because its case's append failed; the batch's other cases were stored. */
export interface FailedFact {
  readonly eventId: string;
  readonly status: 'failed';
  /** Why, without data: a conflict that kept recurring, the store unreachable, or the store's error kind. */
  readonly reason: string;
}

/** The answer for one fact of a batch that was stored in part. */
export type FactOutcome = FactResult | FailedFact;

/**
 * A batch recorded case by case in which some cases were stored and at least one failed: `outcomes` says, per fact
 * in the order sent, what was stored (accepted, duplicate), refused (rejected) or not stored (failed). Sending the
 * batch again is safe: the stored facts then answer "duplicate".
 */
export class FactsPartlyRecordedError extends Error {
  override readonly name = 'FactsPartlyRecordedError';
  constructor(
    readonly outcomes: readonly FactOutcome[],
    /** True when every failure was a conflict or an unreachable store, which a later retry can overcome. */
    readonly transient: boolean,
  ) {
    const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
    super(`${outcomes.length - failed} of ${outcomes.length} facts answered, ${failed} not stored`);
  }
}
