/**
 * One contract for every EventStore adapter: PostgreSQL (an isolated database per run), embedded PGlite (a temporary
 * data folder) and KurrentDB (when KURRENTDB_CONNECTION_STRING points at a server).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  type EventStore,
  ExpectedVersion,
  ExpectedVersionConflictError,
  type NewEvent,
  type StoredEvent,
} from './event-store.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { createPgliteEventStore } from './pglite/pglite-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

const POSTGRES_ADMIN_URL = process.env.EVENT_STORE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const KURRENTDB_CONNECTION_STRING = process.env.KURRENTDB_CONNECTION_STRING;

interface Harness {
  /** Opens the store (again, for the same data, after a close). */
  open(): Promise<EventStore>;
  /** Removes everything the harness created. */
  dispose(): Promise<void>;
}

interface Adapter {
  readonly name: string;
  readonly skipReason?: string;
  harness(): Promise<Harness>;
  /** The concurrent-writer case: writers and cases (scaled down only where the store serialises anyway). */
  readonly writers: number;
  readonly cases: number;
  /** Whether a repeated eventId with another contentHash is answered `conflict` (KurrentDB compares ids alone). */
  readonly comparesContent: boolean;
}

async function postgresHarness(): Promise<Harness> {
  const database = `es_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return {
    open: () => PostgresEventStore.fromConnectionString(url.toString(), { maxConnections: 12 }),
    async dispose() {
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${database} with (force)`);
      await cleanup.end();
    },
  };
}

async function pgliteHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'es-pglite-'));
  return {
    open: () => createPgliteEventStore({ dataDir }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

function kurrentDbHarness(connectionString: string): Promise<Harness> {
  return Promise.resolve({
    open: () => Promise.resolve(KurrentDbEventStore.fromConnectionString(connectionString)),
    dispose: () => Promise.resolve(),
  });
}

const adapters: Adapter[] = [
  { name: 'PostgreSQL', harness: postgresHarness, writers: 20, cases: 200, comparesContent: true },
  { name: 'embedded PGlite', harness: pgliteHarness, writers: 20, cases: 200, comparesContent: true },
  KURRENTDB_CONNECTION_STRING === undefined
    ? {
        name: 'KurrentDB',
        skipReason: 'KURRENTDB_CONNECTION_STRING is not set, so there is no KurrentDB server to run against',
        harness: () => Promise.reject(new Error('no KurrentDB server')),
        writers: 20,
        cases: 200,
        comparesContent: false,
      }
    : {
        name: 'KurrentDB',
        harness: () => kurrentDbHarness(KURRENTDB_CONNECTION_STRING),
        writers: 20,
        cases: 200,
        comparesContent: false,
      },
];

for (const adapter of adapters) {
  if (adapter.skipReason !== undefined)
    console.warn(`Event store contract skipped for ${adapter.name}: ${adapter.skipReason}`);
}

function newEvent(type = 'ReviewHeld', data: Record<string, unknown> = {}): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { source: 'contract-test' } };
}

function streamName(label: string): string {
  return `ehcp-case-test-${label}-${randomUUID()}`;
}

async function conflictOf(promise: Promise<unknown>): Promise<ExpectedVersionConflictError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExpectedVersionConflictError) return error;
    throw error;
  }
  throw new Error('expected an ExpectedVersionConflictError');
}

async function readEverythingAfter(store: EventStore, checkpoint: bigint, limit = 100): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let position = checkpoint; ;) {
    const batch = await store.readAll(position, limit);
    if (batch.events.length === 0) {
      expect(batch.checkpoint).toBe(position);
      return events;
    }
    events.push(...batch.events);
    position = batch.checkpoint;
  }
}

const runnable = adapters.filter((adapter) => adapter.skipReason === undefined);
const skipped = adapters.filter((adapter) => adapter.skipReason !== undefined);

if (skipped.length > 0) {
  describe.skip.each(skipped.map((adapter) => [adapter.name, adapter.skipReason] as const))(
    'EventStore contract on %s (skipped: %s)',
    () => {
      it('is skipped', () => undefined);
    },
  );
}

describe.each(runnable.map((adapter) => [adapter.name, adapter] as const))(
  'EventStore contract on %s',
  (_, adapter) => {
    let harness: Harness;
    let store: EventStore;

    beforeAll(async () => {
      harness = await adapter.harness();
      store = await harness.open();
    }, 60_000);

    afterAll(async () => {
      await store?.close();
      await harness?.dispose();
    }, 60_000);

    it('appends and reads a stream back with versions, positions, data, metadata and recordedAt', async () => {
      const stream = streamName('read-back');
      const before = Date.now();
      const events = [
        newEvent('RequestReceived', { receivedOn: '2026-01-05', birthMonth: '2015-03' }),
        newEvent('AssessmentAgreed', { decidedOn: '2026-02-01' }),
        { eventId: randomUUID(), type: 'NoMetadata', data: { nested: { list: [1, 'two', null] } } },
      ];

      const result = await store.appendToStream(stream, events, ExpectedVersion.noStream);

      expect(result.nextExpectedVersion).toBe(2);
      expect(result.outcomes).toEqual(events.map((event) => ({ eventId: event.eventId, status: 'appended' })));
      const read = await store.readStream(stream);
      expect(read.map((event) => [event.eventId, event.type, event.streamName, event.streamVersion])).toEqual(
        events.map((event, index) => [event.eventId, event.type, stream, index]),
      );
      expect(read.map((event) => event.data)).toEqual(events.map((event) => event.data));
      expect(read.map((event) => event.metadata)).toEqual([
        { source: 'contract-test' },
        { source: 'contract-test' },
        {},
      ]);
      for (let index = 1; index < read.length; index += 1) {
        expect(read[index]!.globalPosition).toBeGreaterThan(read[index - 1]!.globalPosition);
      }
      for (const event of read) {
        const recorded = Date.parse(event.recordedAt);
        expect(new Date(recorded).toISOString()).toBe(event.recordedAt);
        expect(recorded).toBeGreaterThanOrEqual(before - 60_000);
        expect(recorded).toBeLessThanOrEqual(Date.now() + 60_000);
      }
      expect(await store.streamVersion(stream)).toBe(2);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(read[2]!.globalPosition);
    });

    it('reads a stream that does not exist as empty, at version -1', async () => {
      const stream = streamName('missing');
      expect(await store.readStream(stream)).toEqual([]);
      expect(await store.streamVersion(stream)).toBe(-1);
    });

    it('no-stream: succeeds on a new stream, conflicts on an existing one', async () => {
      const stream = streamName('no-stream');
      await store.appendToStream(stream, [newEvent()], ExpectedVersion.noStream);

      const conflict = await conflictOf(store.appendToStream(stream, [newEvent()], ExpectedVersion.noStream));

      expect(conflict.streamName).toBe(stream);
      expect(conflict.actualVersion).toBe(0);
      expect(conflict.expected).toEqual(ExpectedVersion.noStream);
      expect(await store.streamVersion(stream)).toBe(0);
    });

    it('exists: conflicts on a missing stream, succeeds on an existing one', async () => {
      const stream = streamName('exists');

      const conflict = await conflictOf(store.appendToStream(stream, [newEvent()], ExpectedVersion.exists));
      expect(conflict.actualVersion).toBe(-1);
      expect(await store.readStream(stream)).toEqual([]);

      await store.appendToStream(stream, [newEvent()], ExpectedVersion.any);
      const result = await store.appendToStream(stream, [newEvent(), newEvent()], ExpectedVersion.exists);
      expect(result.nextExpectedVersion).toBe(2);
    });

    it('exact: succeeds at the stream version, conflicts above, below and on a missing stream', async () => {
      const stream = streamName('exact');
      expect(
        (await conflictOf(store.appendToStream(stream, [newEvent()], ExpectedVersion.exact(0)))).actualVersion,
      ).toBe(-1);
      await store.appendToStream(stream, [newEvent(), newEvent()], ExpectedVersion.noStream);

      for (const wrong of [0, 2, 5]) {
        const conflict = await conflictOf(store.appendToStream(stream, [newEvent()], ExpectedVersion.exact(wrong)));
        expect(conflict.actualVersion).toBe(1);
        expect(conflict.expected).toEqual(ExpectedVersion.exact(wrong));
      }

      const result = await store.appendToStream(stream, [newEvent()], ExpectedVersion.exact(1));
      expect(result.nextExpectedVersion).toBe(2);
      expect((await store.readStream(stream)).map((event) => event.streamVersion)).toEqual([0, 1, 2]);
    });

    it('any: succeeds whether or not the stream exists', async () => {
      const stream = streamName('any');
      expect((await store.appendToStream(stream, [newEvent()], ExpectedVersion.any)).nextExpectedVersion).toBe(0);
      expect((await store.appendToStream(stream, [newEvent()], ExpectedVersion.any)).nextExpectedVersion).toBe(1);
    });

    it('stores nothing of a batch that conflicts', async () => {
      const stream = streamName('atomic');
      await store.appendToStream(stream, [newEvent()], ExpectedVersion.noStream);
      const batch = [newEvent(), newEvent(), newEvent()];
      const head = await store.headPosition();

      await conflictOf(store.appendToStream(stream, batch, ExpectedVersion.exact(3)));

      expect(await store.readStream(stream)).toHaveLength(1);
      expect(await readEverythingAfter(store, head)).toEqual([]);
      // Not stored means not a duplicate either: the same events append once the version is right.
      const retried = await store.appendToStream(stream, batch, ExpectedVersion.exact(0));
      expect(retried.outcomes.map((outcome) => outcome.status)).toEqual(['appended', 'appended', 'appended']);
    });

    it('answers a repeat as duplicate and stores it once, whatever the expected version, in any stream', async () => {
      const stream = streamName('repeat');
      const events = [newEvent(), newEvent()];
      await store.appendToStream(stream, events, ExpectedVersion.noStream);
      const head = await store.headPosition();

      for (const expected of [ExpectedVersion.noStream, ExpectedVersion.exact(7), ExpectedVersion.any]) {
        const again = await store.appendToStream(stream, events, expected);
        expect(again.outcomes).toEqual(events.map((event) => ({ eventId: event.eventId, status: 'duplicate' })));
        expect(again.nextExpectedVersion).toBe(1);
      }
      const elsewhere = streamName('repeat-elsewhere');
      const moved = await store.appendToStream(elsewhere, [events[1]!], ExpectedVersion.noStream);
      expect(moved.outcomes).toEqual([{ eventId: events[1]!.eventId, status: 'duplicate' }]);
      expect(moved.nextExpectedVersion).toBe(-1);

      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.readStream(elsewhere)).toEqual([]);
      expect(await readEverythingAfter(store, head)).toEqual([]);
    });

    it('appends the new events of a batch that mixes duplicates, checking the version against the new ones', async () => {
      const stream = streamName('mixed');
      const [first, second, third, fourth] = [newEvent(), newEvent(), newEvent(), newEvent()];
      await store.appendToStream(stream, [first, second], ExpectedVersion.noStream);

      await conflictOf(store.appendToStream(stream, [first, third], ExpectedVersion.exact(0)));
      const result = await store.appendToStream(
        stream,
        [first, third, second, fourth, third],
        ExpectedVersion.exact(1),
      );

      expect(result.outcomes.map((outcome) => [outcome.eventId, outcome.status])).toEqual([
        [first.eventId, 'duplicate'],
        [third.eventId, 'appended'],
        [second.eventId, 'duplicate'],
        [fourth.eventId, 'appended'],
        [third.eventId, 'duplicate'],
      ]);
      expect(result.nextExpectedVersion).toBe(3);
      expect((await store.readStream(stream)).map((event) => event.eventId)).toEqual(
        [first, second, third, fourth].map((event) => event.eventId),
      );
    });

    it('appendToStreams stores every stream of the call and readStreams reads them back in one answer', async () => {
      const [fresh, existing, anyStream, missing] = [
        streamName('multi-fresh'),
        streamName('multi-existing'),
        streamName('multi-any'),
        streamName('multi-missing'),
      ];
      await store.appendToStream(existing, [newEvent()], ExpectedVersion.noStream);
      const [a, b, c, d] = [newEvent('A'), newEvent('B'), newEvent('C'), newEvent('D')];

      const results = await store.appendToStreams([
        { streamName: fresh, events: [a, b], expected: ExpectedVersion.noStream },
        { streamName: existing, events: [c], expected: ExpectedVersion.exact(0) },
        { streamName: anyStream, events: [d], expected: ExpectedVersion.any },
      ]);

      expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 1, 0]);
      expect(results.map((result) => result.outcomes)).toEqual([
        [
          { eventId: a.eventId, status: 'appended' },
          { eventId: b.eventId, status: 'appended' },
        ],
        [{ eventId: c.eventId, status: 'appended' }],
        [{ eventId: d.eventId, status: 'appended' }],
      ]);
      const read = await store.readStreams([fresh, existing, anyStream, missing]);
      expect([...read.keys()].sort()).toEqual([fresh, existing, anyStream, missing].sort());
      expect(read.get(fresh)!.map((event) => [event.eventId, event.streamVersion])).toEqual([
        [a.eventId, 0],
        [b.eventId, 1],
      ]);
      expect(read.get(existing)!.map((event) => event.streamVersion)).toEqual([0, 1]);
      expect(read.get(existing)![1]!.eventId).toBe(c.eventId);
      expect(read.get(anyStream)!.map((event) => event.eventId)).toEqual([d.eventId]);
      expect(read.get(missing)).toEqual([]);
      expect(await store.readStreams([])).toEqual(new Map());
      for (const stream of [fresh, existing, anyStream]) {
        expect(read.get(stream)).toEqual(await store.readStream(stream));
      }
    });

    it('appendToStreams stores nothing when one stream conflicts, and names that stream', async () => {
      if (!store.atomicMultiStreamAppend) return;
      const [first, conflicting, last] = [
        streamName('multi-atomic-a'),
        streamName('multi-atomic-b'),
        streamName('multi-atomic-c'),
      ];
      await store.appendToStream(conflicting, [newEvent(), newEvent()], ExpectedVersion.noStream);
      const head = await store.headPosition();
      const appends = [
        { streamName: first, events: [newEvent()], expected: ExpectedVersion.noStream },
        { streamName: conflicting, events: [newEvent(), newEvent()], expected: ExpectedVersion.exact(0) },
        { streamName: last, events: [newEvent()], expected: ExpectedVersion.any },
      ];

      const conflict = await conflictOf(store.appendToStreams(appends));

      expect(conflict.streamName).toBe(conflicting);
      expect(conflict.actualVersion).toBe(1);
      expect(conflict.expected).toEqual(ExpectedVersion.exact(0));
      expect(await readEverythingAfter(store, head)).toEqual([]);
      expect(await store.streamVersion(first)).toBe(-1);
      expect(await store.streamVersion(conflicting)).toBe(1);
      expect(await store.streamVersion(last)).toBe(-1);
      // Nothing was stored, so nothing is a duplicate: with the right version every event appends.
      const retried = await store.appendToStreams(
        appends.map((append) =>
          append.streamName === conflicting ? { ...append, expected: ExpectedVersion.exact(1) } : append,
        ),
      );
      expect(retried.flatMap((result) => result.outcomes.map((outcome) => outcome.status))).toEqual([
        'appended',
        'appended',
        'appended',
        'appended',
      ]);
      expect(retried.map((result) => result.nextExpectedVersion)).toEqual([0, 3, 0]);
    });

    it('appendToStreams answers duplicates per event, across streams and within the call', async () => {
      const [home, other, third] = [
        streamName('multi-dup-home'),
        streamName('multi-dup-other'),
        streamName('multi-dup-third'),
      ];
      const stored = newEvent();
      await store.appendToStream(home, [stored], ExpectedVersion.noStream);
      const head = await store.headPosition();
      const shared = newEvent();
      const own = newEvent();

      const results = await store.appendToStreams([
        // Only duplicates: answered without the version check, at the stream's version.
        { streamName: home, events: [stored], expected: ExpectedVersion.exact(9) },
        { streamName: other, events: [stored, shared, own], expected: ExpectedVersion.noStream },
        { streamName: third, events: [shared], expected: ExpectedVersion.noStream },
      ]);

      expect(results.map((result) => result.outcomes)).toEqual([
        [{ eventId: stored.eventId, status: 'duplicate' }],
        [
          { eventId: stored.eventId, status: 'duplicate' },
          { eventId: shared.eventId, status: 'appended' },
          { eventId: own.eventId, status: 'appended' },
        ],
        [{ eventId: shared.eventId, status: 'duplicate' }],
      ]);
      expect(results.map((result) => result.nextExpectedVersion)).toEqual([0, 1, -1]);
      const after = await readEverythingAfter(store, head);
      expect(after.map((event) => [event.streamName, event.eventId])).toEqual([
        [other, shared.eventId],
        [other, own.eventId],
      ]);
      const again = await store.appendToStreams([
        { streamName: other, events: [shared, own], expected: ExpectedVersion.any },
      ]);
      expect(again[0]!.outcomes.map((outcome) => outcome.status)).toEqual(['duplicate', 'duplicate']);
      expect(await store.headPosition()).toBe(after.at(-1)!.globalPosition);
    });

    (adapter.comparesContent ? it : it.skip)(
      'answers a repeat with other content as conflict and stores nothing of it, in a stream, across streams and within a call',
      async () => {
        const [home, other] = [streamName('conflict-home'), streamName('conflict-other')];
        const original = { ...newEvent('ReviewHeld', { on: '2024-01-02' }), contentHash: 'a'.repeat(64) };
        await store.appendToStream(home, [original], ExpectedVersion.noStream);
        const head = await store.headPosition();
        const changed = { ...original, data: { on: '2024-01-03' }, contentHash: 'b'.repeat(64) };

        const same = await store.appendToStream(home, [original], ExpectedVersion.any);
        expect(same.outcomes).toEqual([{ eventId: original.eventId, status: 'duplicate' }]);
        const inStream = await store.appendToStream(home, [changed], ExpectedVersion.any);
        expect(inStream.outcomes).toEqual([{ eventId: original.eventId, status: 'conflict' }]);
        expect(inStream.nextExpectedVersion).toBe(0);

        const fresh = { ...newEvent(), contentHash: 'c'.repeat(64) };
        const results = await store.appendToStreams([
          { streamName: other, events: [changed, fresh], expected: ExpectedVersion.noStream },
          { streamName: home, events: [{ ...fresh, contentHash: 'd'.repeat(64) }], expected: ExpectedVersion.exact(0) },
        ]);
        expect(results.map((result) => result.outcomes)).toEqual([
          [
            { eventId: original.eventId, status: 'conflict' },
            { eventId: fresh.eventId, status: 'appended' },
          ],
          [{ eventId: fresh.eventId, status: 'conflict' }],
        ]);
        expect((await readEverythingAfter(store, head)).map((event) => [event.streamName, event.eventId])).toEqual([
          [other, fresh.eventId],
        ]);
        expect((await store.readStream(home)).map((event) => event.data)).toEqual([{ on: '2024-01-02' }]);
      },
    );

    it('treats eventIds case-insensitively', async () => {
      const stream = streamName('case');
      const event = newEvent();
      await store.appendToStream(stream, [event], ExpectedVersion.noStream);
      const upper = { ...event, eventId: event.eventId.toUpperCase() };
      const again = await store.appendToStream(stream, [upper], ExpectedVersion.any);
      expect(again.outcomes).toEqual([{ eventId: upper.eventId, status: 'duplicate' }]);
    });

    it('reads from any checkpoint exactly the suffix after it, in batches of any size', async () => {
      const start = await store.headPosition();
      const streams = [streamName('suffix-a'), streamName('suffix-b'), streamName('suffix-c')];
      for (let round = 0; round < 4; round += 1) {
        for (const stream of streams) await store.appendToStream(stream, [newEvent(), newEvent()], ExpectedVersion.any);
      }
      const all = await readEverythingAfter(store, start, 1000);
      expect(all).toHaveLength(24);

      for (let k = 0; k < all.length; k += 1) {
        const suffix = await readEverythingAfter(store, all[k]!.globalPosition, 1 + (k % 5));
        expect(suffix.map((event) => event.eventId)).toEqual(all.slice(k + 1).map((event) => event.eventId));
      }
      const limited = await store.readAll(start, 5);
      expect(limited.events.map((event) => event.eventId)).toEqual(all.slice(0, 5).map((event) => event.eventId));
      expect(limited.checkpoint).toBe(all[4]!.globalPosition);
      expect(await store.headPosition()).toBe(all.at(-1)!.globalPosition);
    });

    it('waitForEvents wakes on an append and times out when nothing comes', async () => {
      const head = await store.headPosition();

      const quietStart = Date.now();
      await store.waitForEvents(head, 300);
      expect(Date.now() - quietStart).toBeGreaterThanOrEqual(250);

      const wakeStart = Date.now();
      const waiting = store.waitForEvents(head, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.appendToStream(streamName('wake'), [newEvent()], ExpectedVersion.noStream);
      await waiting;
      expect(Date.now() - wakeStart).toBeLessThan(5_000);

      // Events already after the checkpoint: no wait at all.
      const immediateStart = Date.now();
      await store.waitForEvents(head, 10_000);
      expect(Date.now() - immediateStart).toBeLessThan(5_000);
    }, 30_000);

    it(`keeps order under concurrency: ${adapter.writers} writers over ${adapter.cases} cases while a reader follows`, async () => {
      const eventsPerCase = 4;
      const cases = Array.from({ length: adapter.cases }, (_, index) => streamName(`concurrent-${index}`));
      interface Task {
        readonly stream: string;
        readonly event: NewEvent;
      }
      const tasks: Task[] = cases.flatMap((stream) =>
        Array.from({ length: eventsPerCase }, () => ({ stream, event: newEvent('FactRecorded', { stream }) })),
      );
      // Every tenth fact is sent twice (a retry from the source), possibly by two writers at once.
      const sends = [...tasks, ...tasks.filter((_, index) => index % 10 === 0)];
      for (let index = sends.length - 1; index > 0; index -= 1) {
        const swap = Math.floor(Math.random() * (index + 1));
        [sends[index], sends[swap]] = [sends[swap]!, sends[index]!];
      }
      const start = await store.headPosition();

      let writing = true;
      const seen: StoredEvent[] = [];
      const reader = (async () => {
        let checkpoint = start;
        for (;;) {
          const batch = await store.readAll(checkpoint, 37);
          seen.push(...batch.events);
          checkpoint = batch.checkpoint;
          if (batch.events.length === 0) {
            if (!writing) return;
            await store.waitForEvents(checkpoint, 200);
          }
        }
      })();

      let next = 0;
      const statuses = new Map<string, string[]>();
      const record = (outcome: { eventId: string; status: string }): void => {
        statuses.set(outcome.eventId, [...(statuses.get(outcome.eventId) ?? []), outcome.status]);
      };
      // Half the writers append one fact at a time; the other half append up to three facts of distinct cases in
      // one appendToStreams (one at a time where the store is not atomic across streams).
      const takeGroup = (size: number): Task[] => {
        const group: Task[] = [];
        while (group.length < size && next < sends.length) {
          const task = sends[next]!;
          if (group.some((taken) => taken.stream === task.stream)) break;
          group.push(task);
          next += 1;
        }
        return group;
      };
      const groupSize = store.atomicMultiStreamAppend ? 3 : 1;
      const writers = Array.from({ length: adapter.writers }, async (_, writer) => {
        const multi = writer % 2 === 1;
        for (let group = takeGroup(multi ? groupSize : 1); group.length > 0; group = takeGroup(multi ? groupSize : 1)) {
          for (;;) {
            try {
              if (multi) {
                const versions = await store.readStreams(group.map((task) => task.stream));
                const results = await store.appendToStreams(
                  group.map((task) => ({
                    streamName: task.stream,
                    events: [task.event],
                    expected: ExpectedVersion.exact((versions.get(task.stream) ?? []).length - 1),
                  })),
                );
                results.forEach((result) => record(result.outcomes[0]!));
              } else {
                const task = group[0]!;
                const version = await store.streamVersion(task.stream);
                const result = await store.appendToStream(task.stream, [task.event], ExpectedVersion.exact(version));
                record(result.outcomes[0]!);
              }
              break;
            } catch (error) {
              if (!(error instanceof ExpectedVersionConflictError)) throw error;
            }
          }
        }
      });
      try {
        await Promise.all(writers);
      } finally {
        writing = false;
      }
      await reader;
      // One more read after the writers finished: the reader must already have everything.
      expect((await store.readAll(seen.at(-1)?.globalPosition ?? start, 10)).events).toEqual([]);

      const sentIds = tasks.map((task) => task.event.eventId).sort();
      expect(seen.map((event) => event.eventId).sort()).toEqual(sentIds);
      for (let index = 1; index < seen.length; index += 1) {
        expect(seen[index]!.globalPosition).toBeGreaterThan(seen[index - 1]!.globalPosition);
      }
      for (const task of tasks) {
        const outcomes = statuses.get(task.event.eventId) ?? [];
        expect(outcomes.filter((status) => status === 'appended')).toHaveLength(1);
      }
      for (const stream of cases) {
        const events = await store.readStream(stream);
        expect(events.map((event) => event.streamVersion)).toEqual([0, 1, 2, 3]);
        expect(events.every((event) => event.data.stream === stream)).toBe(true);
      }
    }, 300_000);

    it('keeps its events across close and reopen', async () => {
      const stream = streamName('durable');
      const events = [newEvent(), newEvent()];
      await store.appendToStream(stream, events, ExpectedVersion.noStream);
      const head = await store.headPosition();
      await store.close();

      store = await harness.open();

      expect((await store.readStream(stream)).map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId),
      );
      expect(await store.headPosition()).toBe(head);
      const again = await store.appendToStream(stream, events, ExpectedVersion.any);
      expect(again.outcomes.map((outcome) => outcome.status)).toEqual(['duplicate', 'duplicate']);
      expect((await store.appendToStream(stream, [newEvent()], ExpectedVersion.exact(1))).nextExpectedVersion).toBe(2);
    }, 60_000);
  },
);
