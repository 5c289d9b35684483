import { randomUUID } from 'node:crypto';
import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  KurrentDBClient,
  NO_STREAM,
  type ResolvedEvent,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import {
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  ExpectedVersionConflictError,
  type NewEvent,
  type ReadAllBatch,
  type StoredEvent,
  type StreamAppend,
} from '../event-store.js';
import { sleep, untilDeadline } from '../deadline.js';
import { assertAppendable, assertAppendableStreams, eventIdKey, splitDuplicates } from '../new-events.js';
import {
  APPLICATION_STREAMS_REGEX,
  EVENT_ID_MARKER_TYPE,
  eventIdStreamName,
  isStreamNotFound,
  readPositionAfter,
  toEventStoreError,
  toStreamState,
} from './kurrentdb-mapping.js';

export interface KurrentDbEventStoreOptions {
  /** Polling interval of waitForEvents (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** Whether close() disposes of the client (default true). */
  readonly disposeClient?: boolean;
}

type RecordedEvent = NonNullable<ResolvedEvent['event']>;

/** Marker reads and writes in flight at once for one append (a batch may carry 1,000 events). */
const MARKER_CONCURRENCY = 32;

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  });
  await Promise.all(lanes);
  return results;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
    ? (value as Record<string, unknown>)
    : {};
}

function toStoredEvent(event: RecordedEvent): StoredEvent {
  return {
    eventId: event.id,
    streamName: event.streamId,
    type: event.type,
    data: asRecord(event.data),
    metadata: asRecord(event.metadata),
    streamVersion: Number(event.revision),
    // Reads of a single stream carry positions on every current server; 0 stands for "unknown" otherwise.
    globalPosition: event.position?.commit ?? 0n,
    recordedAt: event.created.toISOString(),
  };
}

/**
 * The EventStore on KurrentDB (or EventStoreDB 20.6+). Stream names are used as given, expected versions map onto
 * KurrentDB's stream states, and global order is `$all` with the commit position as checkpoint.
 *
 * Idempotency beyond KurrentDB's short de-duplication window: every stored eventId gets a marker stream
 * `ehcp-eid-<eventId>` (written with NO_STREAM, so at most one exists), which an append checks first. Markers are
 * written after the events (KurrentDB appends to one stream atomically, not to several), so an append cut short
 * between the two leaves events without markers; each append therefore also checks the target stream's own
 * eventIds, which catches every repeat to the same stream (the normal case: one stream per case) and writes the
 * missing markers. Left open: the same eventId sent to a different stream concurrently, or after such a crash and
 * before any append to the first stream repaired its markers.
 */
export class KurrentDbEventStore implements EventStore {
  /** KurrentDB appends to one stream atomically, never to several: appendToStreams goes stream by stream. */
  readonly atomicMultiStreamAppend = false;
  private readonly pollIntervalMs: number;
  private readonly disposeClient: boolean;
  private closed = false;

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.disposeClient = options.disposeClient ?? true;
  }

  /** e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false` */
  static fromConnectionString(connectionString: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(connectionString), options);
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    assertAppendable(streamName, events);
    const indexed = await mapLimited(events, MARKER_CONCURRENCY, (event) => this.markerStream(event.eventId));
    const storedIds = new Set(
      events.filter((_, index) => indexed[index] !== undefined).map((e) => eventIdKey(e.eventId)),
    );
    if (storedIds.size < events.length) {
      const inStream = await this.readStream(streamName);
      const unmarked = inStream.filter((event) => !storedIds.has(eventIdKey(event.eventId)));
      for (const event of unmarked) storedIds.add(eventIdKey(event.eventId));
      const requested = new Set(events.map((event) => eventIdKey(event.eventId)));
      await this.writeMarkers(
        streamName,
        unmarked.filter((event) => requested.has(eventIdKey(event.eventId))).map((event) => event.eventId),
      );
    }
    const { fresh, outcomes } = splitDuplicates(events, storedIds);
    if (fresh.length === 0) return { nextExpectedVersion: await this.streamVersion(streamName), outcomes };

    let nextRevision: bigint;
    try {
      const result = await this.client.appendToStream(
        streamName,
        fresh.map((event) =>
          jsonEvent({
            id: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata ?? {},
          }),
        ),
        { streamState: toStreamState(expected) },
      );
      nextRevision = result.nextExpectedRevision;
    } catch (error) {
      throw toEventStoreError(error, streamName, expected);
    }
    // The events are stored: a failure to mark them must not report the append as failed. The next append to this
    // stream finds them unmarked and writes the markers.
    await this.writeMarkers(
      streamName,
      fresh.map((event) => event.eventId),
    ).catch(() => undefined);
    return { nextExpectedVersion: Number(nextRevision), outcomes };
  }

  /**
   * Not atomic across streams: each stream is appended in turn, in input order, so a conflict (thrown as
   * ExpectedVersionConflictError naming its stream) leaves the streams before it appended. Callers that retry
   * after a conflict are safe because the appended events are then answered as duplicates.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableStreams(appends);
    const results: AppendResult[] = [];
    for (const { streamName, events, expected } of appends) {
      results.push(await this.appendToStream(streamName, events, expected));
    }
    return results;
  }

  async readStreams(streamNames: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const streams = new Map<string, StoredEvent[]>();
    for (const name of streamNames) if (!streams.has(name)) streams.set(name, await this.readStream(name));
    return streams;
  }

  async readStream(streamName: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { resolveLinkTos: false })) {
        if (resolved.event !== undefined) events.push(toStoredEvent(resolved.event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toEventStoreError(error, streamName);
    }
    return events;
  }

  async streamVersion(streamName: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (resolved.event !== undefined) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return -1;
      throw toEventStoreError(error, streamName);
    }
    return -1;
  }

  async readAll(checkpoint: bigint, limit: number): Promise<ReadAllBatch> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: readPositionAfter(checkpoint),
        maxCount: limit + 1,
        resolveLinkTos: false,
        filter: streamNameFilter({ regex: APPLICATION_STREAMS_REGEX }),
      })) {
        const event = this.allStreamEvent(resolved);
        if (event === undefined || event.globalPosition <= checkpoint) continue;
        events.push(event);
        if (events.length >= limit) break;
      }
    } catch (error) {
      throw toEventStoreError(error, '$all');
    }
    return { events, checkpoint: events.at(-1)?.globalPosition ?? checkpoint };
  }

  async headPosition(): Promise<bigint> {
    try {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
        resolveLinkTos: false,
        filter: streamNameFilter({ regex: APPLICATION_STREAMS_REGEX }),
      })) {
        const event = this.allStreamEvent(resolved);
        if (event !== undefined) return event.globalPosition;
      }
    } catch (error) {
      throw toEventStoreError(error, '$all');
    }
    return 0n;
  }

  /** Polls the head: a catch-up subscription per waiter would cost a server stream each for little gain. */
  async waitForEvents(checkpoint: bigint, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    await untilDeadline(this.poll(checkpoint, deadline), deadline);
  }

  private async poll(checkpoint: bigint, deadline: number): Promise<void> {
    while (!this.closed) {
      if ((await this.headPosition()) > checkpoint) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return;
      await sleep(Math.min(this.pollIntervalMs, remaining));
    }
  }

  /**
   * Tombstones the stream (it can never be written again) and its eventId markers are left to expire. The events
   * leave the disk only when the server's scavenge runs (see the README's operating notes).
   */
  async eraseStream(streamName: string): Promise<number> {
    const count = (await this.readStream(streamName)).length;
    if (count > 0) await this.client.tombstoneStream(streamName);
    return count;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.disposeClient) await this.client.dispose();
  }

  private allStreamEvent(resolved: AllStreamResolvedEvent): StoredEvent | undefined {
    const event = resolved.event;
    if (event === undefined) return undefined;
    return { ...toStoredEvent(event), globalPosition: event.position.commit };
  }

  /** The stream an eventId was stored to, from its marker; undefined when it has none. */
  private async markerStream(eventId: string): Promise<string | undefined> {
    const marker = eventIdStreamName(eventId);
    try {
      for await (const resolved of this.client.readStream(marker, { maxCount: 1 })) {
        const stream = resolved.event === undefined ? undefined : asRecord(resolved.event.data).streamName;
        return typeof stream === 'string' ? stream : '';
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw toEventStoreError(error, marker);
    }
    return undefined;
  }

  private async writeMarkers(streamName: string, eventIds: readonly string[]): Promise<void> {
    await mapLimited(eventIds, MARKER_CONCURRENCY, async (eventId) => {
      const marker = eventIdStreamName(eventId);
      try {
        await this.client.appendToStream(
          marker,
          jsonEvent({ id: randomUUID(), type: EVENT_ID_MARKER_TYPE, data: { streamName } }),
          { streamState: NO_STREAM },
        );
      } catch (error) {
        const mapped = toEventStoreError(error, marker);
        // Already marked (by a concurrent writer or an earlier repair): the index holds what it must.
        if (mapped instanceof ExpectedVersionConflictError) return;
        throw mapped;
      }
    });
  }
}
