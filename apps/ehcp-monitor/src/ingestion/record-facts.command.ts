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
