import pg from 'pg';
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
import { migrateEventStore } from './migrate.js';
import { errorCode, isUniqueViolation, toEventStoreError } from './pg-errors.js';

/**
 * Appends take this transaction-scoped advisory lock just before inserting into `events` and hold it until commit,
 * so global positions become visible in the order they were assigned: a reader that has seen position p can never
 * later find a newly committed event below p. (Without it, a transaction that draws position 10 and commits after
 * one that drew 11 is skipped by a reader that already moved its checkpoint past 11.)
 *
 * Why this and not the transaction-id (xid8) filter: the port's checkpoint is one bigint, and positions are not
 * drawn in transaction-id order (a transaction's id comes from its first write, its positions from its last), so
 * reading below `pg_snapshot_xmin` in position order can still move a checkpoint past an event that commits later.
 * The lock covers only the insert and the commit; the duplicate check and the per-stream version check (one row
 * lock on `streams`) run before it, concurrently across streams.
 */
const APPEND_LOCK_KEY = 7_264_012;

/** The NOTIFY channel that carries the newest global position after each append. */
export const EVENTS_CHANNEL = 'event_store_appended';

/** How many times an append is re-run after losing a race on the same eventId with a concurrent writer. */
const MAX_DUPLICATE_RACE_RETRIES = 5;

export interface PostgresEventStoreOptions {
  /** LISTEN/NOTIFY wakes waitForEvents (default true); false polls, as embedded PGlite requires. */
  readonly notifications?: boolean;
  /** Polling interval for waitForEvents when notifications are off or unavailable (default 100 ms). */
  readonly pollIntervalMs?: number;
  /** Called once by close() (e.g. to end a pool or stop an embedded server the store owns). */
  readonly onClose?: () => Promise<void>;
}

interface EventRow {
  global_position: string;
  stream_name: string;
  stream_version: number;
  event_id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

const EVENT_COLUMNS = `global_position, stream_name, stream_version, event_id::text as event_id, type, data, metadata,
  recorded_at`;

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamName: row.stream_name,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.global_position),
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** Lost a race with a concurrent writer of the same eventId: re-run the append. */
class DuplicateRaceError extends Error {}

/** The (stream, version) key was taken although the version check passed: report it as a conflict. */
class StreamVersionRaceError extends Error {}

/** A multi-stream append lost a race (a stream created meanwhile, a deadlock): re-run it; it re-checks everything. */
class MultiStreamRaceError extends Error {}

const DEADLOCK_DETECTED = '40P01';

/** Whether a stream at `current` (-1: missing) meets the expectation. */
function expectationHolds(expected: ExpectedVersion, current: number): boolean {
  switch (expected.kind) {
    case 'any':
      return true;
    case 'no-stream':
      return current === -1;
    case 'exists':
      return current >= 0;
    case 'exact':
      return expected.version < 0 ? current === -1 : current === expected.version;
    default: {
      const unknown: never = expected;
      throw new Error(`Unknown expected version ${JSON.stringify(unknown)}`);
    }
  }
}

interface Waiter {
  readonly checkpoint: bigint;
  readonly wake: () => void;
}

/** The EventStore on PostgreSQL through `pg`; also serves embedded PGlite (see createPgliteEventStore). */
export class PostgresEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly notifications: boolean;
  private readonly pollIntervalMs: number;
  private readonly onClose: (() => Promise<void>) | undefined;
  private listener: Promise<pg.Client> | undefined;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Uses the pool as given: close() leaves it open for its owner to end (after closing the store). */
  constructor(
    private readonly pool: pg.Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifications = options.notifications ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.onClose = options.onClose;
  }

  /** A store with its own pool (ended by close()), after applying the migrations. */
  static async fromConnectionString(
    connectionString: string,
    options: Omit<PostgresEventStoreOptions, 'onClose'> & { readonly maxConnections?: number } = {},
  ): Promise<PostgresEventStore> {
    const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
    // An idle client that loses its connection must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    try {
      await migrateEventStore(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, { ...options, onClose: () => pool.end() });
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    assertAppendable(streamName, events);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.transaction((client) => this.appendOnce(client, streamName, events, expected));
      } catch (error) {
        // A concurrent writer stored one of these eventIds after our duplicate check: re-run, and it is a duplicate.
        if (error instanceof DuplicateRaceError && attempt < MAX_DUPLICATE_RACE_RETRIES) continue;
        if (error instanceof StreamVersionRaceError) {
          throw new ExpectedVersionConflictError(streamName, expected, await this.streamVersion(streamName));
        }
        throw error instanceof DuplicateRaceError ? error.cause : error;
      }
    }
  }

  /**
   * One transaction for every stream: stream rows are locked in name order (so two multi-stream appends cannot
   * deadlock on them), every expectation is checked before anything is written, and all events are inserted by
   * one statement under the same advisory lock as appendToStream, so global order still never skips a late commit.
   */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableStreams(appends);
    if (appends.length === 0) return [];
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.transaction((client) => this.appendManyOnce(client, appends));
      } catch (error) {
        const race =
          error instanceof DuplicateRaceError ||
          error instanceof MultiStreamRaceError ||
          errorCode(error) === DEADLOCK_DETECTED;
        if (race && attempt < MAX_DUPLICATE_RACE_RETRIES) continue;
        throw error instanceof DuplicateRaceError ? error.cause : error;
      }
    }
  }

  async readStreams(streamNames: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const streams = new Map<string, StoredEvent[]>(streamNames.map((name) => [name, []]));
    if (streams.size === 0) return streams;
    const result = await this.query<EventRow>(
      `select ${EVENT_COLUMNS} from event_store.events where stream_name = any($1::text[])
        order by stream_name, stream_version`,
      [[...streams.keys()]],
    );
    for (const row of result.rows) streams.get(row.stream_name)?.push(toStoredEvent(row));
    return streams;
  }

  async readStream(streamName: string): Promise<StoredEvent[]> {
    const result = await this.query<EventRow>(
      `select ${EVENT_COLUMNS} from event_store.events where stream_name = $1 order by stream_version`,
      [streamName],
    );
    return result.rows.map(toStoredEvent);
  }

  async streamVersion(streamName: string): Promise<number> {
    const result = await this.query<{ version: number }>(
      'select version from event_store.streams where stream_name = $1',
      [streamName],
    );
    return result.rows[0]?.version ?? -1;
  }

  async readAll(checkpoint: bigint, limit: number): Promise<ReadAllBatch> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    const result = await this.query<EventRow>(
      `select ${EVENT_COLUMNS} from event_store.events where global_position > $1 order by global_position limit $2`,
      [checkpoint.toString(), limit],
    );
    const events = result.rows.map(toStoredEvent);
    return { events, checkpoint: events.at(-1)?.globalPosition ?? checkpoint };
  }

  async headPosition(): Promise<bigint> {
    const result = await this.query<{ head: string }>(
      'select coalesce(max(global_position), 0)::text as head from event_store.events',
    );
    return BigInt(result.rows[0]?.head ?? '0');
  }

  async eraseStream(streamName: string): Promise<number> {
    const result = await this.query<{ erased: string }>(
      `with erased as (delete from event_store.events where stream_name = $1 returning 1),
            stream as (delete from event_store.streams where stream_name = $1)
       select count(*)::text as erased from erased`,
      [streamName],
    );
    return Number(result.rows[0]?.erased ?? '0');
  }

  async waitForEvents(checkpoint: bigint, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    await untilDeadline(this.waitUntil(checkpoint, deadline), deadline);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters) waiter.wake();
    const listener = this.listener;
    this.listener = undefined;
    if (listener !== undefined) {
      await listener.then((client) => client.end()).catch(() => undefined);
    }
    await this.onClose?.();
  }

  private async appendOnce(
    client: pg.PoolClient,
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> {
    const stored = await client.query<{ event_id: string }>(
      'select event_id::text as event_id from event_store.events where event_id = any($1::uuid[])',
      [events.map((event) => event.eventId)],
    );
    const { fresh, outcomes } = splitDuplicates(events, new Set(stored.rows.map((row) => eventIdKey(row.event_id))));
    if (fresh.length === 0) {
      return { nextExpectedVersion: await this.currentVersion(client, streamName), outcomes };
    }

    const newVersion = await this.claimVersions(client, streamName, fresh.length, expected);
    if (newVersion === undefined) {
      throw new ExpectedVersionConflictError(streamName, expected, await this.currentVersion(client, streamName));
    }
    const firstVersion = newVersion - fresh.length + 1;

    await client.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
    const batch = JSON.stringify(
      fresh.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata ?? {},
      })),
    );
    let inserted: pg.QueryResult<{ global_position: string }>;
    try {
      inserted = await client.query<{ global_position: string }>(
        `insert into event_store.events (stream_name, stream_version, event_id, type, data, metadata)
         select $1, $2::integer + (e.ordinal - 1)::integer, (e.doc->>'eventId')::uuid, e.doc->>'type', e.doc->'data',
                e.doc->'metadata'
           from jsonb_array_elements($3::jsonb) with ordinality as e(doc, ordinal)
          order by e.ordinal
         returning global_position::text as global_position`,
        [streamName, firstVersion, batch],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateRaceError('duplicate', { cause: error });
      if (isUniqueViolation(error, 'events_stream_version_key')) throw new StreamVersionRaceError('conflict');
      throw error;
    }
    const head = inserted.rows.reduce(
      (max, row) => (BigInt(row.global_position) > max ? BigInt(row.global_position) : max),
      0n,
    );
    await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, head.toString()]);
    return { nextExpectedVersion: newVersion, outcomes };
  }

  private async appendManyOnce(client: pg.PoolClient, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const stored = await client.query<{ event_id: string }>(
      'select event_id::text as event_id from event_store.events where event_id = any($1::uuid[])',
      [appends.flatMap((append) => append.events.map((event) => event.eventId))],
    );
    const storedIds = new Set(stored.rows.map((row) => eventIdKey(row.event_id)));
    const seen = new Set<string>();
    const splits = appends.map((append) => splitDuplicates(append.events, storedIds, seen));

    const locked = await client.query<{ stream_name: string; version: number }>(
      `select stream_name, version from event_store.streams where stream_name = any($1::text[])
        order by stream_name for update`,
      [appends.map((append) => append.streamName)],
    );
    const current = new Map(locked.rows.map((row) => [row.stream_name, row.version]));
    const created: Array<{ name: string; version: number }> = [];
    const moved: Array<{ name: string; version: number }> = [];
    const rows: Array<{ streamName: string; streamVersion: number; event: NewEvent }> = [];
    const results = appends.map((append, index): AppendResult => {
      const { fresh, outcomes } = splits[index]!;
      const version = current.get(append.streamName) ?? -1;
      if (fresh.length === 0) return { nextExpectedVersion: version, outcomes };
      if (!expectationHolds(append.expected, version)) {
        throw new ExpectedVersionConflictError(append.streamName, append.expected, version);
      }
      const next = version + fresh.length;
      (current.has(append.streamName) ? moved : created).push({ name: append.streamName, version: next });
      fresh.forEach((event, k) => rows.push({ streamName: append.streamName, streamVersion: version + 1 + k, event }));
      return { nextExpectedVersion: next, outcomes };
    });
    if (rows.length === 0) return results;

    if (created.length > 0) {
      created.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const inserted = await client.query(
        `insert into event_store.streams (stream_name, version)
         select name, version from unnest($1::text[], $2::integer[]) with ordinality as s(name, version, ordinal)
          order by ordinal
         on conflict (stream_name) do nothing`,
        [created.map((stream) => stream.name), created.map((stream) => stream.version)],
      );
      // Another writer created one of these streams after the lock query: re-run and check against it.
      if (inserted.rowCount !== created.length) throw new MultiStreamRaceError('stream created concurrently');
    }
    if (moved.length > 0) {
      await client.query(
        `update event_store.streams as s set version = m.version
           from unnest($1::text[], $2::integer[]) as m(name, version)
          where s.stream_name = m.name`,
        [moved.map((stream) => stream.name), moved.map((stream) => stream.version)],
      );
    }

    await client.query('select pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
    const batch = JSON.stringify(
      rows.map(({ streamName, streamVersion, event }) => ({
        streamName,
        streamVersion,
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata ?? {},
      })),
    );
    let inserted: pg.QueryResult<{ head: string | null }>;
    try {
      inserted = await client.query<{ head: string | null }>(
        `with inserted as (
           insert into event_store.events (stream_name, stream_version, event_id, type, data, metadata)
           select e.doc->>'streamName', (e.doc->>'streamVersion')::integer, (e.doc->>'eventId')::uuid, e.doc->>'type',
                  e.doc->'data', e.doc->'metadata'
             from jsonb_array_elements($1::jsonb) with ordinality as e(doc, ordinal)
            order by e.ordinal
           returning global_position)
         select max(global_position)::text as head from inserted`,
        [batch],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events_event_id_key')) throw new DuplicateRaceError('duplicate', { cause: error });
      if (isUniqueViolation(error, 'events_stream_version_key')) throw new MultiStreamRaceError('stream version taken');
      throw error;
    }
    await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, inserted.rows[0]?.head ?? '0']);
    return results;
  }

  /**
   * Checks the expected version and moves the stream's version on by `count` in one statement (one row lock).
   * Returns the stream's new version, or undefined when the expectation does not hold.
   */
  private async claimVersions(
    client: pg.PoolClient,
    streamName: string,
    count: number,
    expected: ExpectedVersion,
  ): Promise<number | undefined> {
    let result: pg.QueryResult<{ version: number }>;
    switch (expected.kind) {
      case 'any':
        result = await client.query(
          `insert into event_store.streams as s (stream_name, version) values ($1, $2::integer - 1)
           on conflict (stream_name) do update set version = s.version + $2::integer
           returning s.version`,
          [streamName, count],
        );
        break;
      case 'no-stream':
        result = await this.createStream(client, streamName, count);
        break;
      case 'exists':
        result = await client.query(
          `update event_store.streams set version = version + $2::integer where stream_name = $1 returning version`,
          [streamName, count],
        );
        break;
      case 'exact':
        if (expected.version < 0) {
          result = await this.createStream(client, streamName, count);
          break;
        }
        result = await client.query(
          `update event_store.streams set version = version + $2::integer
            where stream_name = $1 and version = $3::integer
           returning version`,
          [streamName, count, expected.version],
        );
        break;
      default: {
        const unknown: never = expected;
        throw new Error(`Unknown expected version ${JSON.stringify(unknown)}`);
      }
    }
    return result.rows[0]?.version;
  }

  private createStream(
    client: pg.PoolClient,
    streamName: string,
    count: number,
  ): Promise<pg.QueryResult<{ version: number }>> {
    return client.query(
      `insert into event_store.streams (stream_name, version) values ($1, $2::integer - 1)
       on conflict (stream_name) do nothing
       returning version`,
      [streamName, count],
    );
  }

  private async currentVersion(client: pg.PoolClient, streamName: string): Promise<number> {
    const result = await client.query<{ version: number }>(
      'select version from event_store.streams where stream_name = $1',
      [streamName],
    );
    return result.rows[0]?.version ?? -1;
  }

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      throw toEventStoreError(error);
    }
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toEventStoreError(error);
    }
    let broken: unknown;
    try {
      await client.query('begin');
      const result = await work(client);
      await client.query('commit');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError;
      }
      throw toEventStoreError(error);
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  /** Connects the LISTEN client once; false when it cannot (waitForEvents then polls). */
  private async listen(): Promise<boolean> {
    if (this.closed) return false;
    this.listener ??= this.connectListener();
    try {
      await this.listener;
      return true;
    } catch {
      this.listener = undefined;
      return false;
    }
  }

  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client(this.pool.options);
    const drop = (): void => {
      this.listener = undefined;
      // Wake everyone: they re-check the head (waking early is allowed) and reconnect on their next wait.
      for (const waiter of this.waiters) waiter.wake();
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', (message) => {
      if (message.channel !== EVENTS_CHANNEL || message.payload === undefined) return;
      const head = BigInt(message.payload);
      for (const waiter of this.waiters) if (head > waiter.checkpoint) waiter.wake();
    });
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private async waitUntil(checkpoint: bigint, deadline: number): Promise<void> {
    if (this.notifications && (await this.listen())) {
      await this.waitForNotification(checkpoint, deadline);
    } else {
      await this.poll(checkpoint, deadline);
    }
  }

  private async waitForNotification(checkpoint: bigint, deadline: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let waiter: Waiter | undefined;
    const woken = new Promise<void>((resolve) => {
      waiter = { checkpoint, wake: resolve };
      this.waiters.add(waiter);
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    });
    try {
      // Listening before this check means an append committed in between still wakes us.
      if ((await this.headPosition()) > checkpoint) return;
      await woken;
    } finally {
      clearTimeout(timer);
      if (waiter !== undefined) this.waiters.delete(waiter);
    }
  }

  private async poll(checkpoint: bigint, deadline: number): Promise<void> {
    while (!this.closed) {
      if ((await this.headPosition()) > checkpoint) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return;
      await sleep(Math.min(this.pollIntervalMs, remaining));
    }
  }
}
