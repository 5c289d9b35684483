/**
 * The EventStore port. Adapters: PostgreSQL (pg, also over PGlite) and KurrentDB.
 * Every adapter maps its driver's conflict error to ExpectedVersionConflictError.
 */

/** What a stream is expected to be before an append. Versions are 0-based: the first event is version 0. */
export type ExpectedVersion =
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly version: number };

export const ExpectedVersion = {
  noStream: { kind: 'no-stream' } as ExpectedVersion,
  exists: { kind: 'exists' } as ExpectedVersion,
  any: { kind: 'any' } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => ({ kind: 'exact', version }),
} as const;

/** An event to append. `eventId` is the idempotency key, unique across the whole store. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * What makes a repeat of this eventId the same event, as its writer defines it (e.g. a hash of the canonical JSON
   * of a fact). A repeat with another hash is answered `conflict` by the PostgreSQL store; without a hash on either
   * side a repeat is a duplicate. KurrentDB does not compare content.
   */
  readonly contentHash?: string;
}

export interface StoredEvent {
  readonly eventId: string;
  readonly streamName: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** 0-based position within its stream, contiguous. */
  readonly streamVersion: number;
  /** Position in the store's global order; strictly increasing in read order. */
  readonly globalPosition: bigint;
  /** When the store recorded the event (ISO instant). */
  readonly recordedAt: string;
}

export type AppendStatus = 'appended' | 'duplicate' | 'conflict';

export interface AppendResult {
  /** The stream's version after the append (-1 if the stream is still empty). */
  readonly nextExpectedVersion: number;
  /**
   * Per event, in input order: appended; a duplicate of an eventId already in the store with the same content; or
   * (where the store compares content) a conflict: the eventId is stored with other content, and nothing of this
   * event was stored.
   */
  readonly outcomes: ReadonlyArray<{ readonly eventId: string; readonly status: AppendStatus }>;
}

/** One stream's part of an appendToStreams call. */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedVersion;
}

export interface ReadAllBatch {
  readonly events: readonly StoredEvent[];
  /** The checkpoint to pass to the next readAll; equal to the input when nothing was read. */
  readonly checkpoint: bigint;
}

export interface EventStore {
  /**
   * Appends atomically: either every new event is stored or none is. Events whose eventId is already stored
   * (in any stream) are reported as duplicates and not stored again; the expected-version check applies to the
   * events that are new. If every event is a duplicate, the call succeeds without checking the version.
   */
  appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /**
   * Appends to several distinct streams as appendToStream would to each, and answers per stream in input order.
   * On PostgreSQL (and PGlite) it is one transaction, atomic as a whole: if any stream's expected version does not
   * hold, nothing is stored and it throws ExpectedVersionConflictError naming that stream. An eventId that is
   * already stored, or that appears earlier in the same call (in any stream), is reported as a duplicate. Check
   * `atomicMultiStreamAppend` before relying on atomicity across streams: KurrentDB appends stream by stream.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
  /** True when appendToStreams stores all of its streams or none of them. */
  readonly atomicMultiStreamAppend: boolean;
  /** The whole stream in version order; an empty array for a stream that does not exist. */
  readStream(streamName: string): Promise<StoredEvent[]>;
  /** Several streams at once: each name maps to its events in version order (empty when it does not exist). */
  readStreams(streamNames: readonly string[]): Promise<Map<string, StoredEvent[]>>;
  /** The stream's current version, or -1 when it does not exist. */
  streamVersion(streamName: string): Promise<number>;
  /** Events after `checkpoint` (0n = from the start) in global order, at most `limit`. Never skips an event
   * committed late by a concurrent writer. */
  readAll(checkpoint: bigint, limit: number): Promise<ReadAllBatch>;
  /** Resolves when events after `checkpoint` may exist, or after `timeoutMs`. */
  waitForEvents(checkpoint: bigint, timeoutMs: number): Promise<void>;
  /** Newest global position readable now (0n when empty): for lag. */
  headPosition(): Promise<bigint>;
  /**
   * Removes a stream and its events for good (a data-protection or court-ordered erasure) and answers how many
   * events it held. Global positions of other streams do not change; readers simply never see the erased ones again.
   */
  eraseStream(streamName: string): Promise<number>;
  close(): Promise<void>;
}

export class ExpectedVersionConflictError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamName} is at version ${actualVersion}, expected ${JSON.stringify(expected)}`);
    this.name = 'ExpectedVersionConflictError';
  }
}

/** The store cannot be reached or refused the operation (mapped from each driver's transport errors). */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

export class StreamDeletedError extends Error {
  constructor(readonly streamName: string) {
    super(`Stream ${streamName} has been deleted`);
    this.name = 'StreamDeletedError';
  }
}

export class EventStoreAccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreAccessDeniedError';
  }
}
