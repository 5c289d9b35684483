/** PostgreSQL-specific behaviour beyond the contract: migrations under concurrency, unreachable servers. */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { EventStoreUnavailableError, ExpectedVersion, ExpectedVersionConflictError } from '../event-store.js';
import { loadMigrations, migrateEventStore } from './migrate.js';
import { EVENTS_CHANNEL, PostgresEventStore } from './postgres-event-store.js';

const ADMIN_URL = process.env.EVENT_STORE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('PostgreSQL event store', () => {
  const database = `es_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  let url: string;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const parsed = new URL(ADMIN_URL);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('applies each migration once when several processes migrate at the same time, and again is a no-op', async () => {
    const pools = Array.from({ length: 5 }, () => new pg.Pool({ connectionString: url, max: 2 }));
    try {
      const applied = await Promise.all(pools.map((pool) => migrateEventStore(pool)));
      const names = loadMigrations().map((migration) => migration.name);
      expect(applied.flat().sort()).toEqual([...names].sort());
      expect(await migrateEventStore(pools[0]!)).toEqual([]);
      const recorded = await pools[0]!.query<{ name: string }>(
        'select name from public.event_store_migrations order by name',
      );
      expect(recorded.rows.map((row) => row.name)).toEqual(names);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('keeps its connection when an append is refused: a version conflict or a repeated eventId opens no new one', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    let connections = 0;
    pool.on('connect', () => {
      connections += 1;
    });
    const store = new PostgresEventStore(pool, { notifications: false });
    try {
      await migrateEventStore(pool);
      const stream = `ehcp-case-999-keep-${randomUUID()}`;
      const first = { eventId: randomUUID(), type: 'RequestReceived', data: {} };
      await store.appendToStream(stream, [first], ExpectedVersion.noStream);
      const opened = connections;
      for (let i = 0; i < 5; i += 1) {
        await expect(
          store.appendToStream(
            stream,
            [{ eventId: randomUUID(), type: 'ReviewHeld', data: {} }],
            ExpectedVersion.noStream,
          ),
        ).rejects.toBeInstanceOf(ExpectedVersionConflictError);
        const again = await store.appendToStream(stream, [first], ExpectedVersion.any);
        expect(again.outcomes).toEqual([{ eventId: first.eventId, status: 'duplicate' }]);
      }
      expect(opened).toBe(1);
      expect(connections).toBe(opened);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('stores the writing transaction id with each event', async () => {
    const store = await PostgresEventStore.fromConnectionString(url);
    try {
      const stream = `ehcp-case-test-${randomUUID()}`;
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'T', data: {} }], ExpectedVersion.noStream);
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'T', data: {} }], ExpectedVersion.exact(0));
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      const rows = await pool.query<{ transaction_id: string }>(
        'select transaction_id::text from event_store.events where stream_name = $1 order by stream_version',
        [stream],
      );
      await pool.end();
      expect(rows.rows).toHaveLength(2);
      expect(BigInt(rows.rows[1]!.transaction_id)).toBeGreaterThan(BigInt(rows.rows[0]!.transaction_id));
    } finally {
      await store.close();
    }
  });

  it('answers duplicate when a concurrent writer commits the same eventId after the duplicate check', async () => {
    const store = await PostgresEventStore.fromConnectionString(url);
    const racer = new pg.Client({ connectionString: url });
    await racer.connect();
    try {
      const eventId = randomUUID();
      const first = `ehcp-case-test-${randomUUID()}`;
      const second = `ehcp-case-test-${randomUUID()}`;
      // The racer stores the id in an open transaction: invisible to the store's check, blocking its insert.
      await racer.query('begin');
      await racer.query(
        `insert into event_store.events (stream_name, stream_version, event_id, type, data)
         values ($1, 0, $2, 'T', '{}')`,
        [first, eventId],
      );
      await racer.query(`insert into event_store.streams (stream_name, version) values ($1, 0)`, [first]);
      const appending = store.appendToStream(
        second,
        [
          { eventId, type: 'T', data: {} },
          { eventId: randomUUID(), type: 'T', data: {} },
        ],
        ExpectedVersion.noStream,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await racer.query('commit');

      const result = await appending;
      expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['duplicate', 'appended']);
      expect(result.nextExpectedVersion).toBe(0);
      expect((await store.readStream(second)).map((event) => event.streamVersion)).toEqual([0]);
    } finally {
      await racer.end();
      await store.close();
    }
  });

  it('reports a stream version taken behind the version check as a conflict', async () => {
    const store = await PostgresEventStore.fromConnectionString(url);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const stream = `ehcp-case-test-${randomUUID()}`;
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'T', data: {} }], ExpectedVersion.noStream);
      // A stream row that lags its events (only possible by editing the tables) must not let an event overwrite.
      await pool.query('delete from event_store.streams where stream_name = $1', [stream]);

      await expect(
        store.appendToStream(stream, [{ eventId: randomUUID(), type: 'T', data: {} }], ExpectedVersion.any),
      ).rejects.toBeInstanceOf(ExpectedVersionConflictError);
      expect(await store.readStream(stream)).toHaveLength(1);
    } finally {
      await pool.end();
      await store.close();
    }
  });

  it('loses nothing to a writer killed mid-append: nothing half-written, and the reader skips nothing', async () => {
    const store = await PostgresEventStore.fromConnectionString(url);
    const racer = new pg.Client({ connectionString: url });
    const admin = new pg.Client({ connectionString: url });
    await Promise.all([racer.connect(), admin.connect()]);
    try {
      const t = (): { eventId: string; type: string; data: Record<string, unknown> } => ({
        eventId: randomUUID(),
        type: 'T',
        data: {},
      });
      const [first, second, later] = [1, 2, 3].map(() => `ehcp-case-test-${randomUUID()}`) as [string, string, string];
      const start = await store.headPosition();
      // The racer holds an eventId of the doomed append in an open transaction, so that append stops mid-way: its
      // stream rows moved and its first events inserted, waiting on the racer's row.
      const held = t();
      await racer.query('begin');
      await racer.query(
        `insert into event_store.events (stream_name, stream_version, event_id, type, data) values ($1, 0, $2, 'T', '{}')`,
        [`ehcp-case-test-${randomUUID()}`, held.eventId],
      );
      const doomed = store.appendToStreams([
        { streamName: first, events: [t(), t()], expected: ExpectedVersion.noStream },
        { streamName: second, events: [t(), held], expected: ExpectedVersion.noStream },
      ]);
      let pid: number | undefined;
      for (const deadline = Date.now() + 10_000; pid === undefined && Date.now() < deadline;) {
        const waiting = await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and query like '%event_store.append%'`,
        );
        pid = waiting.rows[0]?.pid;
        if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(pid).toBeDefined();

      // A later writer commits while the doomed one is open: the reader must not pass the open transaction.
      const committed = t();
      await store.appendToStream(later, [committed], ExpectedVersion.noStream);
      expect((await store.readAll(start, 100)).events).toEqual([]);

      await admin.query('select pg_terminate_backend($1)', [pid]);
      await expect(doomed).rejects.toBeDefined();
      await racer.query('rollback');

      const after = await store.readAll(start, 100);
      expect(after.events.map((event) => event.eventId)).toEqual([committed.eventId]);
      expect(await store.streamVersion(first)).toBe(-1);
      expect(await store.streamVersion(second)).toBe(-1);
      expect(await store.readStreams([first, second])).toEqual(
        new Map([
          [first, []],
          [second, []],
        ]),
      );
      // The same append again succeeds in full and is read after everything already read.
      const retried = await store.appendToStream(first, [t()], ExpectedVersion.noStream);
      expect(retried.nextExpectedVersion).toBe(0);
      const next = await store.readAll(after.checkpoint, 100);
      expect(next.events.map((event) => event.streamName)).toEqual([first]);
      expect(next.events[0]!.globalPosition).toBeGreaterThan(after.checkpoint);
    } finally {
      await racer.end().catch(() => undefined);
      await admin.end();
      await store.close();
    }
  });

  it('migrates a store written before positions followed transaction ids, and reads on from its old checkpoints', async () => {
    const parsed = new URL(url);
    const legacy = `${parsed.pathname.slice(1)}_legacy`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${legacy}`);
    parsed.pathname = `/${legacy}`;
    const pool = new pg.Pool({ connectionString: parsed.toString(), max: 2 });
    pool.on('error', () => undefined);
    try {
      const [first] = loadMigrations();
      await pool.query(first!.sql);
      await pool.query(
        `create table public.event_store_migrations (name text primary key, applied_at timestamptz not null default now())`,
      );
      await pool.query(`insert into public.event_store_migrations (name) values ($1)`, [first!.name]);
      // Written as the old adapter did: identity positions 1, 2, 3.
      const stream = `ehcp-case-test-${randomUUID()}`;
      for (let version = 0; version < 3; version += 1) {
        await pool.query(
          `insert into event_store.events (stream_name, stream_version, event_id, type, data) values ($1, $2, $3, 'T', '{}')`,
          [stream, version, randomUUID()],
        );
      }
      await pool.query(`insert into event_store.streams (stream_name, version) values ($1, 2)`, [stream]);

      const store = await PostgresEventStore.fromConnectionString(parsed.toString());
      try {
        const old = await store.readAll(0n, 10);
        expect(old.events.map((event) => event.globalPosition)).toEqual([1n, 2n, 3n]);
        const appended = await store.appendToStream(
          stream,
          [{ eventId: randomUUID(), type: 'T', data: {} }],
          ExpectedVersion.exact(2),
        );
        expect(appended.nextExpectedVersion).toBe(3);
        const next = await store.readAll(2n, 10);
        expect(next.events.map((event) => event.streamVersion)).toEqual([2, 3]);
        expect(next.events[1]!.globalPosition).toBeGreaterThan(3n);
      } finally {
        await store.close();
      }
    } finally {
      await pool.end();
      await admin.query(`drop database if exists ${legacy} with (force)`);
      await admin.end();
    }
  });

  it('wakes waiters by NOTIFY, long before the next poll would', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const listening = new PostgresEventStore(pool, { notifications: true, pollIntervalMs: 60_000 });
    const writer = new PostgresEventStore(pool);
    try {
      const head = await listening.headPosition();
      const started = Date.now();
      const waits = [listening.waitForEvents(head, 30_000), listening.waitForEvents(head, 30_000)];
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writer.appendToStream(
        `ehcp-case-test-${randomUUID()}`,
        [{ eventId: randomUUID(), type: 'T', data: {} }],
        ExpectedVersion.noStream,
      );
      await Promise.all(waits);
      expect(Date.now() - started).toBeLessThan(10_000);

      // A waiter already past the head is not woken by a notification for older positions: it times out.
      const ahead = await listening.headPosition();
      const quiet = Date.now();
      await listening.waitForEvents(ahead + 1_000n, 300);
      expect(Date.now() - quiet).toBeGreaterThanOrEqual(250);
    } finally {
      await listening.close();
      await writer.close();
      await pool.end();
    }
  }, 40_000);

  it('announces a run of appends in few NOTIFYs, the last carrying the newest position', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const writer = new PostgresEventStore(pool, { notifySpacingMs: 1_000 });
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    const heard: bigint[] = [];
    listener.on('notification', (message) => heard.push(BigInt(message.payload ?? '0')));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
    try {
      const stream = `ehcp-case-test-${randomUUID()}`;
      for (let version = -1; version < 19; version++) {
        await writer.appendToStream(
          stream,
          [{ eventId: randomUUID(), type: 'T', data: {} }],
          version < 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
        );
      }
      const head = await writer.headPosition();
      const deadline = Date.now() + 5_000;
      while (heard.at(-1) !== head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      // The first append is announced at once; the other 19 within the spacing share the next NOTIFY.
      expect(heard.at(-1)).toBe(head);
      expect(heard.length).toBeLessThanOrEqual(3);
    } finally {
      await listener.end();
      await writer.close();
      await pool.end();
    }
  }, 20_000);

  it('reports an unreachable server as EventStoreUnavailableError', async () => {
    const port = await closedPort();
    await expect(
      PostgresEventStore.fromConnectionString(`postgresql://postgres@127.0.0.1:${port}/postgres`),
    ).rejects.toBeInstanceOf(EventStoreUnavailableError);

    const pool = new pg.Pool({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`, max: 1 });
    const store = new PostgresEventStore(pool);
    try {
      await expect(store.readAll(0n, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(
        store.appendToStream('s', [{ eventId: randomUUID(), type: 'T', data: {} }], ExpectedVersion.any),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
      // Waiting falls back to polling, which reports the failure rather than hanging.
      await expect(store.waitForEvents(0n, 200)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});
