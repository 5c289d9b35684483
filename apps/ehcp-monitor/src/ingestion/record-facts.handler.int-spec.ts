/**
 * The batch path of RecordPathwayFacts on a real PostgreSQL event store: one read and one multi-stream append per
 * batch, and the fall-back to case by case when another writer appends to one of the batch's cases meanwhile.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ExpectedVersion, PostgresEventStore, type StreamAppend } from '#event-store';
import { streamNameFor, toStoredShape, validatePathwayEvent, type PathwayEvent } from '#pathway';
import { loadConfig } from '../config/config.js';
import { SystemClock } from './clock.js';
import { FactsPartlyRecordedError, RecordPathwayFacts } from './record-facts.command.js';
import { RecordPathwayFactsHandler } from './record-facts.handler.js';

const ADMIN_URL = process.env.EVENT_STORE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function fact(caseId: string, type: string, occurredOn: string, data: Record<string, unknown> = {}): PathwayEvent {
  const checked = validatePathwayEvent({
    eventId: randomUUID(),
    caseId,
    la: '202',
    type,
    occurredOn,
    source: 'int',
    data,
  });
  if (!checked.ok) throw new Error(`test fact is not valid: ${JSON.stringify(checked.errors)}`);
  return checked.event;
}

function pathway(caseId: string): PathwayEvent[] {
  return [
    fact(caseId, 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' }),
    fact(caseId, 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
    fact(caseId, 'PlanDecisionMade', '2024-04-15', { decision: 'issue' }),
  ];
}

/** The real store, with a hook that lets a test write as another writer between the batch's read and append. */
class InterleavedStore extends PostgresEventStore {
  afterRead: (() => Promise<void>) | undefined;
  multiAppends = 0;
  singleAppends = 0;
  /** Streams read back (history rows fetched for deciding). */
  streamsRead = 0;

  override async readStream(name: string) {
    this.streamsRead += 1;
    return super.readStream(name);
  }

  override async readStreams(names: readonly string[]) {
    this.streamsRead += names.length;
    const streams = await super.readStreams(names);
    const hook = this.afterRead;
    this.afterRead = undefined;
    await hook?.();
    return streams;
  }

  /** Runs once after the next multi-stream append has answered (stored or refused). */
  afterMultiAppend: (() => Promise<void>) | undefined;

  override async appendToStreams(appends: readonly StreamAppend[]) {
    this.multiAppends += 1;
    try {
      return await super.appendToStreams(appends);
    } finally {
      const hook = this.afterMultiAppend;
      this.afterMultiAppend = undefined;
      await hook?.();
    }
  }

  override appendToStream(...args: Parameters<PostgresEventStore['appendToStream']>) {
    this.singleAppends += 1;
    return super.appendToStream(...args);
  }
}

describe('RecordPathwayFacts on PostgreSQL', () => {
  const database = `facts_int_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  let pool: pg.Pool;
  let store: InterleavedStore;
  let handler: RecordPathwayFactsHandler;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    // The store is opened once through the normal path (migrations), then again over a pool the test owns.
    await (await PostgresEventStore.fromConnectionString(url.toString())).close();
    pool = new pg.Pool({ connectionString: url.toString(), max: 6 });
    // pool.end() does not wait for its clients' connections to close, so the database dropped with force at the end
    // may still end one of them: an error of an idle client, which must not fail the run.
    pool.on('error', () => undefined);
    store = new InterleavedStore(pool);
    handler = new RecordPathwayFactsHandler(store, loadConfig({}), new SystemClock());
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  }, 60_000);

  it('records a batch of several cases with one multi-stream append, answering per fact in order', async () => {
    const [a, b] = [pathway('BATCH-A'), pathway('BATCH-B')];
    const tooEarly = fact('BATCH-B', 'FinalPlanIssued', '2023-01-01');
    const batch = [a[0]!, b[0]!, a[1]!, tooEarly, b[1]!, a[2]!, b[2]!, a[0]!];
    store.multiAppends = 0;
    store.singleAppends = 0;

    const results = await handler.execute(new RecordPathwayFacts('202', batch, 'int-test'));

    expect(results.map((result) => [result.eventId, result.status])).toEqual([
      [a[0]!.eventId, 'accepted'],
      [b[0]!.eventId, 'accepted'],
      [a[1]!.eventId, 'accepted'],
      [tooEarly.eventId, 'rejected'],
      [b[1]!.eventId, 'accepted'],
      [a[2]!.eventId, 'accepted'],
      [b[2]!.eventId, 'accepted'],
      [a[0]!.eventId, 'duplicate'],
    ]);
    expect({ multi: store.multiAppends, single: store.singleAppends }).toEqual({ multi: 1, single: 0 });
    for (const facts of [a, b]) {
      const stored = await store.readStream(streamNameFor('202', facts[0]!.caseId));
      expect(stored.map((event) => [event.eventId, event.streamVersion])).toEqual(
        facts.map((event, index) => [event.eventId, index]),
      );
    }

    const again = await handler.execute(new RecordPathwayFacts('202', batch, 'int-test'));
    expect(again.map((result) => result.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'rejected',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('stores nothing of the batch when another writer got to one case first, then records case by case', async () => {
    const [c, d] = [pathway('BATCH-C'), pathway('BATCH-D')];
    const streamD = streamNameFor('202', 'BATCH-D');
    // Another writer records D's first fact after the batch read D as empty.
    store.afterRead = async () => {
      await store.appendToStream(streamD, [toStoredShape(d[0]!)], ExpectedVersion.noStream);
    };
    store.multiAppends = 0;
    store.singleAppends = 0;
    const headBefore = await store.headPosition();

    const results = await handler.execute(new RecordPathwayFacts('202', [...c, ...d], 'int-test'));

    expect(results.map((result) => result.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
      'accepted',
      'accepted',
    ]);
    // One multi-stream append that conflicted, then one append per case (plus the other writer's).
    expect(store.multiAppends).toBe(1);
    expect(store.singleAppends).toBe(3);
    const written = (await store.readAll(headBefore, 100)).events;
    // Every fact stored once, and nothing else: the conflicting multi-stream append left no trace.
    expect(written.map((event) => event.eventId).sort()).toEqual([...c, ...d].map((event) => event.eventId).sort());
    for (const facts of [c, d]) {
      const stored = await store.readStream(streamNameFor('202', facts[0]!.caseId));
      expect(stored.map((event) => [event.eventId, event.streamVersion])).toEqual(
        facts.map((event, index) => [event.eventId, index]),
      );
    }
  });

  it('answers per fact what was stored when one case fails after the fall-back, and stores the rest', async () => {
    const [e, f, g] = [pathway('PART-E'), pathway('PART-F'), pathway('PART-G')];
    const streamF = streamNameFor('202', 'PART-F');
    const streamG = streamNameFor('202', 'PART-G');
    // Another writer records G's first fact between the batch's read and its append: the batch stores nothing and
    // falls back to case by case; from then on the database refuses every insert into F's stream.
    store.afterRead = async () => {
      await store.appendToStream(streamG, [toStoredShape(g[0]!)], ExpectedVersion.noStream);
    };
    store.afterMultiAppend = async () => {
      await pool.query(`create or replace function refuse_for_test() returns trigger language plpgsql as $$
        begin raise exception 'refused for the test' using errcode = 'P0001'; end $$`);
      await pool.query(
        `create trigger refuse_one_stream before insert on event_store.events for each row
         when (new.stream_name = '${streamF.replaceAll("'", "''")}') execute function refuse_for_test()`,
      );
    };
    const batch = [...e, ...f, ...g];
    let thrown: unknown;
    try {
      await handler.execute(new RecordPathwayFacts('202', batch, 'int-test'));
    } catch (error) {
      thrown = error;
    } finally {
      await pool.query('drop trigger if exists refuse_one_stream on event_store.events');
    }

    expect(thrown).toBeInstanceOf(FactsPartlyRecordedError);
    const partly = thrown as FactsPartlyRecordedError;
    expect(partly.transient).toBe(false);
    expect(partly.outcomes.map((outcome) => [outcome.eventId, outcome.status])).toEqual([
      ...e.map((event) => [event.eventId, 'accepted']),
      ...f.map((event) => [event.eventId, 'failed']),
      [g[0]!.eventId, 'duplicate'],
      [g[1]!.eventId, 'accepted'],
      [g[2]!.eventId, 'accepted'],
    ]);
    const reasons = partly.outcomes.flatMap((outcome) => (outcome.status === 'failed' ? [outcome.reason] : []));
    expect(new Set(reasons)).toEqual(new Set(['the event store refused the append (error P0001)']));
    // What the answer says was stored is exactly what the store holds.
    for (const [facts, expected] of [
      [e, e],
      [f, []],
      [g, g],
    ] as const) {
      const stored = await store.readStream(streamNameFor('202', facts[0]!.caseId));
      expect(stored.map((event) => event.eventId)).toEqual(expected.map((event) => event.eventId));
    }

    // Sent again once the store accepts F: the stored facts answer duplicate, F's are stored.
    const again = await handler.execute(new RecordPathwayFacts('202', batch, 'int-test'));
    expect(again.map((result) => result.status)).toEqual([
      ...e.map(() => 'duplicate'),
      ...f.map(() => 'accepted'),
      ...g.map(() => 'duplicate'),
    ]);
  });

  it('decides against the cases it wrote before without reading their histories again', async () => {
    const [e, f] = [pathway('CACHE-E'), pathway('CACHE-F')];
    await handler.execute(new RecordPathwayFacts('202', [e[0]!, f[0]!], 'int-test'));
    store.streamsRead = 0;

    const second = await handler.execute(new RecordPathwayFacts('202', [e[1]!, f[1]!], 'int-test'));
    const third = await handler.execute(new RecordPathwayFacts('202', [e[2]!], 'int-test'));

    expect([...second, ...third].map((result) => result.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(store.streamsRead).toBe(0);
    expect((await store.readStream(streamNameFor('202', 'CACHE-E'))).map((event) => event.eventId)).toEqual(
      e.map((event) => event.eventId),
    );
  });

  it('reads a case again when another process wrote to it behind the cache, and decides against what it wrote', async () => {
    const g = pathway('CACHE-G');
    const stream = streamNameFor('202', 'CACHE-G');
    await handler.execute(new RecordPathwayFacts('202', [g[0]!], 'int-test'));
    // Another service instance records the decision to assess; this handler's cache still holds version 0.
    await store.appendToStream(stream, [toStoredShape(g[1]!)], ExpectedVersion.exact(0));
    store.streamsRead = 0;

    const results = await handler.execute(new RecordPathwayFacts('202', [g[2]!, g[1]!], 'int-test'));

    expect(results.map((result) => result.status)).toEqual(['accepted', 'duplicate']);
    expect(store.streamsRead).toBe(1);
    expect((await store.readStream(stream)).map((event) => [event.eventId, event.streamVersion])).toEqual(
      g.map((event, index) => [event.eventId, index]),
    );
  });

  it('answers a reused eventId with other content as conflict, in its case and in another, and stores nothing of it', async () => {
    const [h] = pathway('CONFLICT-H');
    await handler.execute(new RecordPathwayFacts('202', [h!], 'int-test'));
    const head = await store.headPosition();
    const otherDate = { ...h!, occurredOn: '2024-01-09' };
    const otherCase = { ...h!, caseId: 'CONFLICT-I' };
    const reordered = { ...h!, data: Object.fromEntries(Object.entries(h!.data).reverse()) } as PathwayEvent;

    for (const fresh of [handler, new RecordPathwayFactsHandler(store, loadConfig({}), new SystemClock())]) {
      const results = await fresh.execute(new RecordPathwayFacts('202', [otherDate, otherCase, reordered], 'kafka:x'));
      expect(results.map((result) => [result.status, 'code' in result ? result.code : undefined])).toEqual([
        ['conflict', 'conflict'],
        ['conflict', 'conflict'],
        ['duplicate', undefined],
      ]);
    }
    expect((await store.readAll(head, 10)).events).toEqual([]);
    expect(await store.readStream(streamNameFor('202', 'CONFLICT-I'))).toEqual([]);
  });
});
