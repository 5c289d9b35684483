/**
 * The messaging port for ingestion: a transport delivers each message's envelope to a handler and commits its
 * position only once the handler has answered, so a crash redelivers and the handler's idempotency (the
 * source's eventId) makes redelivery harmless.
 */

/** The handler's answer for one envelope. A thrown error means "try again later", never "skip". */
export type IngestionOutcome =
  | { readonly status: 'accepted' }
  | { readonly status: 'duplicate' }
  | { readonly status: 'rejected'; readonly code: string; readonly message: string };

/** Where a message came from; enough to find it again, never its content. */
export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
}

export type EnvelopeHandler = (envelope: unknown, context: MessageContext) => Promise<IngestionOutcome>;

/**
 * Answers several envelopes of one partition at once: one outcome per envelope, in the order given, and the
 * envelopes must be handled in that order. A thrown error means "try the whole chunk again later": the handler's
 * duplicate answers make the repeat of what it had already stored harmless.
 */
export type EnvelopeBatchHandler = (
  envelopes: readonly unknown[],
  contexts: readonly MessageContext[],
) => Promise<IngestionOutcome[]>;

/** Messages the consumer group has not yet committed, per partition and in total. */
export interface ConsumerLag {
  readonly topic: string;
  readonly groupId: string;
  readonly total: number;
  readonly partitions: readonly PartitionLag[];
}

export interface PartitionLag {
  readonly partition: number;
  /** The offset the next produced message will get. */
  readonly highWatermark: string;
  /** The next offset the group will read; null when the group has committed nothing on this partition. */
  readonly committedOffset: string | null;
  readonly lag: number;
}

/** Counters since start; they let /health and benchmarks see progress without reading payloads. */
export interface IngestionStats {
  readonly handled: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly retries: number;
}

export interface EventIngestor {
  start(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
  lag(): Promise<ConsumerLag>;
  stats(): IngestionStats;
}
