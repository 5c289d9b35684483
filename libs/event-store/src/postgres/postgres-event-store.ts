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
import { assertAppendable, assertAppendableStreams } from '../new-events.js';
import { type AppendAnswer, conflictFrom, planAppend, streamInDetail } from './append-plan.js';
import { migrateEventStore } from './migrate.js';
import { pooledQuery } from './pooled-query.js';
import { errorCode, isUniqueViolation, toEventStoreError } from './pg-errors.js';

/**
 * An append is one call of the SQL function `event_store.append` (migrations 0002 to 0004): expected-version check
 * and insert in one statement, one round trip, no lock held beyond the stream rows it moves. It first assumes every
 * eventId is new (the unique index alone finds a repeat, which undoes the call), and only when one is not looks the
 * eventIds up first, so that repeats are answered `duplicate` or `conflict` and the rest stored. The NOTIFY that
 * wakes readers is sent after commit, at most one at a time per store (a NOTIFY inside the append would take
 * PostgreSQL's database-wide notify lock through every commit and serialise them again).
 *
 * Global order without a global lock: each event's position is its writing transaction's id shifted left by 20 bits
 * plus its ordinal within the transaction, and readers read only below `event_store.visible_below()`: the smallest
 * transaction id among appends still running (each holds a shared advisory lock from before it has an id), or the
 * snapshot's xmax when none is. Every appender below that id has ended; every one still running, or yet to start,
 * has an id at or above it. So an event committed late always lands above every position a reader has already
 * passed, and the checkpoint stays one bigint. Only running appends of the same database hold readers back.
 */
/** The NOTIFY channel that carries the newest global position after each append. */
export const EVENTS_CHANNEL = 'event_store_appended';

/** How many times an append is re-run after losing a race (the same eventId stored concurrently, a deadlock). */
const MAX_RACE_RETRIES = 5;

/** The SQLSTATE event_store.append raises when an expected version does not hold. */
const VERSION_CONFLICT = 'EV409';
/** The SQLSTATE event_store.append raises, storing nothing, when it was not asked to check first and an eventId of
 * the call is already stored. */
const ALREADY_STORED = 'EVDUP';

export interface PostgresEventStoreOptions {
  /** LISTEN/NOTIFY wakes waitForEvents (default true); false polls, as embedded PGlite requires. */
  readonly notifications?: boolean;
  /** Polling interval for waitForEvents when notifications are off or unavailable (default 100 ms). */
  readonly pollIntervalMs?: number;
  /**
   * The least time between two NOTIFYs (default 20 ms): the first append after a quiet spell is announced at once,
   * and appends that follow within this time share the next NOTIFY, so a busy writer sends tens a second, not one
   * per append (each NOTIFY is a query, a transaction and a pooled connection of its own).
   */
  readonly notifySpacingMs?: number;
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

const DEADLOCK_DETECTED = '40P01';

interface Waiter {
  readonly checkpoint: bigint;
  readonly wake: () => void;
}

/** The EventStore on PostgreSQL through `pg`; also serves embedded PGlite (see createPgliteEventStore). */
export class PostgresEventStore implements EventStore {
  readonly atomicMultiStreamAppend = true;
  private readonly notifications: boolean;
  private readonly pollIntervalMs: number;
  private readonly notifySpacingMs: number;
  private readonly onClose: (() => Promise<void>) | undefined;
  private listener: Promise<pg.Client> | undefined;
  private readonly waiters = new Set<Waiter>();
  /** The highest position waiting to be announced by NOTIFY, while one is in flight. */
  private announcing: bigint | undefined;
  /** The NOTIFY in flight, awaited by close(). */
  private announced: Promise<void> = Promise.resolve();
  private closed = false;

  /** Uses the pool as given: close() leaves it open for its owner to end (after closing the store). */
  constructor(
    private readonly pool: pg.Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.notifications = options.notifications ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.notifySpacingMs = options.notifySpacingMs ?? 20;
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
    const [result] = await this.append([{ streamName, events, expected }]);
    return result!;
  }

  /** One statement for every stream: atomic as a whole, stream rows locked in name order (no deadlock between two). */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    assertAppendableStreams(appends);
    if (appends.length === 0) return [];
    return this.append(appends);
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
      `select ${EVENT_COLUMNS} from event_store.read_all($1::bigint, $2::integer)`,
      [checkpoint.toString(), limit],
    );
    const events = result.rows.map(toStoredEvent);
    return { events, checkpoint: events.at(-1)?.globalPosition ?? checkpoint };
  }

  async headPosition(): Promise<bigint> {
    const result = await this.query<{ head: string }>('select event_store.head_position()::text as head');
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
    await this.announced;
    const listener = this.listener;
    this.listener = undefined;
    if (listener !== undefined) {
      await listener.then((client) => client.end()).catch(() => undefined);
    }
    await this.onClose?.();
  }

  private async append(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const plan = planAppend(appends);
    // The first attempt assumes every eventId is new; one already stored undoes it (EVDUP) and the next attempts look
    // the eventIds up first.
    let checkFirst = false;
    for (let attempt = 0; ; attempt += 1) {
      let answer: pg.QueryResult<{ appended: AppendAnswer }>;
      try {
        answer = await pooledQuery<{ appended: AppendAnswer }>(
          this.pool,
          'select event_store.append($1::jsonb, $2::boolean) as appended',
          [plan.argument, checkFirst],
        );
      } catch (error) {
        const code = errorCode(error);
        // A repeated eventId is a duplicate whatever the expectation: before answering a version conflict, look
        // the eventIds up.
        // An eventId already stored (or stored by a concurrent writer since the look-up) fails the unique index: run
        // again looking the eventIds up first. (ALREADY_STORED is what migration 0003's function raised.)
        const stored = code === ALREADY_STORED || isUniqueViolation(error, 'events_event_id_key');
        if ((stored || (code === VERSION_CONFLICT && !checkFirst)) && attempt < MAX_RACE_RETRIES) {
          checkFirst = true;
          continue;
        }
        // Locked in the other order by a concurrent writer: re-run; it re-checks all.
        if (code === DEADLOCK_DETECTED && attempt < MAX_RACE_RETRIES) continue;
        if (code === VERSION_CONFLICT) throw conflictFrom(error, appends);
        if (isUniqueViolation(error, 'events_stream_version_key')) {
          // A stream row behind its events (only possible by editing the tables) must not let an event overwrite.
          const append = appends.find((a) => streamInDetail(error) === a.streamName) ?? appends[0]!;
          throw new ExpectedVersionConflictError(
            append.streamName,
            append.expected,
            await this.streamVersion(append.streamName),
          );
        }
        throw toEventStoreError(error);
      }
      const appended = answer.rows[0]!.appended;
      if (appended.p !== null) this.announce(BigInt(appended.p));
      return plan.results(appended);
    }
  }

  /**
   * Wakes this store's waiters and, with notifications on, other processes' listeners: one NOTIFY in flight at a
   * time, the next at least `notifySpacingMs` after it, carrying the highest position announced meanwhile. Waking
   * early is allowed (waiters re-check the head).
   */
  private announce(position: bigint): void {
    for (const waiter of this.waiters) if (position > waiter.checkpoint) waiter.wake();
    if (!this.notifications || this.closed) return;
    if (this.announcing !== undefined) {
      if (position > this.announcing) this.announcing = position;
      return;
    }
    this.announcing = position;
    const send = (): void => {
      const head = this.announcing!;
      this.announced = this.pool
        .query('select pg_notify($1, $2)', [EVENTS_CHANNEL, head.toString()])
        .then(() => undefined)
        .catch(() => undefined)
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, this.closed ? 0 : this.notifySpacingMs)))
        .finally(() => {
          // Positions announced while this NOTIFY was in flight, or in the spacing after it, go in the next one.
          if (this.announcing !== undefined && this.announcing > head && !this.closed) send();
          else this.announcing = undefined;
        });
    };
    send();
  }

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await pooledQuery<R>(this.pool, text, values);
    } catch (error) {
      throw toEventStoreError(error);
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
