import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { ExpectedVersion, PostgresEventStore, type NewEvent } from '#event-store';
import { DbWaitSampler } from '../db-waits.js';
import { connectionStringFor, createDatabase, dropDatabase } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { atLeast, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { median, round } from '../stats.js';

/** The store-level figures the HTTP append is measured against (events per second). */
export interface StoreAppendFigures {
  readonly store: { readonly batch1: number; readonly batch100: number };
  readonly bareInsert: { readonly batch1: number; readonly batch100: number; readonly batch1000: number };
  readonly emmett: { readonly batch1: number; readonly batch100: number };
}

const WRITERS = 16;
/** Each writer appends to one case until it holds this many events, then moves to a new case. */
const EVENTS_PER_CASE = 40;

/** One appended event, shaped as the service stores a pathway fact. */
function pathwayEvent(caseId: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'AdviceRequested',
    data: { adviceFrom: 'educational-psychologist', team: 'North' },
    metadata: { caseId, la: '999', occurredOn: '2024-02-14', source: 'bench', recordedBy: 'bench' },
    contentHash: randomUUID().replaceAll('-', '').repeat(2),
  };
}

/** A writer's next appends: `batch` events to its current case, at the version it knows. */
class CaseFeed {
  private caseNo = 0;
  private version = -1;
  private readonly prefix = randomUUID().slice(0, 8);

  next(batch: number): { stream: string; caseId: string; expected: number; events: NewEvent[] } {
    if (this.version + batch >= Math.max(EVENTS_PER_CASE, batch)) {
      this.caseNo += 1;
      this.version = -1;
    }
    const caseId = `B${this.prefix}-${this.caseNo}`;
    const expected = this.version;
    this.version += batch;
    return {
      stream: `ehcp-case-999-${caseId}`,
      caseId,
      expected,
      events: Array.from({ length: batch }, () => pathwayEvent(caseId)),
    };
  }
}

type Append = (feed: CaseFeed, batch: number) => Promise<void>;

/** `WRITERS` closed loops of `append` for `seconds`; answers events per second. */
async function measure(append: Append, batch: number, seconds: number): Promise<number> {
  let events = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const feed = new CaseFeed();
      while (performance.now() < deadline) {
        await append(feed, batch);
        events += batch;
      }
    }),
  );
  return events / ((performance.now() - started) / 1000);
}

const BARE_TABLE = `create table if not exists public.bench_bare_events (
  global_position bigint generated always as identity primary key,
  stream_name text not null,
  stream_version integer not null,
  event_id uuid not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null default now(),
  unique (event_id),
  unique (stream_name, stream_version)
)`;

/** A plain INSERT (one row, or one multi-row INSERT) into a table with the store's unique keys: the limit. */
function bareInsert(pool: pg.Pool): Append {
  return async (feed, batch) => {
    const { stream, expected, events } = feed.next(batch);
    if (batch === 1) {
      const [event] = events;
      await pool.query(
        `insert into public.bench_bare_events (stream_name, stream_version, event_id, type, data, metadata)
         values ($1, $2, $3, $4, $5, $6)`,
        [stream, expected + 1, event!.eventId, event!.type, event!.data, event!.metadata],
      );
      return;
    }
    await pool.query(
      `insert into public.bench_bare_events (stream_name, stream_version, event_id, type, data, metadata)
       select $1, $2::integer + ordinality::integer, id, $4, d, m
         from unnest($3::uuid[], $5::jsonb[], $6::jsonb[]) with ordinality as e(id, d, m)`,
      [
        stream,
        expected,
        events.map((e) => e.eventId),
        events[0]!.type,
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
      ],
    );
  };
}

function thisStore(store: PostgresEventStore): Append {
  return async (feed, batch) => {
    const { stream, expected, events } = feed.next(batch);
    await store.appendToStream(stream, events, ExpectedVersion.exact(expected));
  };
}

function emmettStore(store: ReturnType<typeof getPostgreSQLEventStore>): Append {
  return async (feed, batch) => {
    const { stream, expected, events } = feed.next(batch);
    await store.appendToStream(
      stream,
      events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      { expectedStreamVersion: BigInt(expected + 1) },
    );
  };
}

/**
 * Store append at the store level, 16 writers in this process, each appending to its own cases with the expected
 * version: this event store vs a bare INSERT into a table with the same unique keys vs Emmett's PostgreSQL event
 * store (@event-driven-io/emmett-postgresql), on one database, with the same event shape, pools of 10 connections.
 */
export async function storeAppendScenario(
  profile: BenchProfile,
): Promise<{ result: ScenarioResult; figures: StoreAppendFigures }> {
  const started = performance.now();
  const seconds = profile.name === 'quick' ? 3 : 8;
  const database = await createDatabase('store_append');
  const url = connectionStringFor(database);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const store = await PostgresEventStore.fromConnectionString(url, { maxConnections: 10 });
  const emmett = getPostgreSQLEventStore(url);
  const waits: Record<string, unknown> = {};
  const rates: Record<string, number[]> = {};
  try {
    await pool.query(BARE_TABLE);
    const contenders: Array<[string, Append]> = [
      ['bare', bareInsert(pool)],
      ['store', thisStore(store)],
      ['emmett', emmettStore(emmett)],
    ];
    // Warm up each (Emmett creates its schema on first use).
    for (const [, append] of contenders) await measure(append, 1, 1);
    for (const batch of [1, 100]) {
      for (let run = 0; run < profile.runs; run++) {
        for (const [name, append] of contenders) {
          const sampler = new DbWaitSampler(database);
          const rate = await measure(append, batch, seconds);
          (rates[`${name}${batch}`] ??= []).push(round(rate));
          waits[`${name}${batch}`] = await sampler.stop();
        }
      }
    }
    for (let run = 0; run < profile.runs; run++) {
      (rates.bare1000 ??= []).push(round(await measure(bareInsert(pool), 1000, seconds)));
    }
  } finally {
    await emmett.close();
    await store.close();
    await pool.end();
    await dropDatabase(database);
  }
  const rate = (key: string): number => median(rates[key] ?? []);
  const figures: StoreAppendFigures = {
    store: { batch1: rate('store1'), batch100: rate('store100') },
    bareInsert: { batch1: rate('bare1'), batch100: rate('bare100'), batch1000: rate('bare1000') },
    emmett: { batch1: rate('emmett1'), batch100: rate('emmett100') },
  };
  const targets: TargetCheck[] = [
    atLeast('store vs bare INSERT, batch 1', (figures.store.batch1 / figures.bareInsert.batch1) * 100, 60, '%'),
    atLeast('store vs bare INSERT, batch 100', (figures.store.batch100 / figures.bareInsert.batch100) * 100, 70, '%'),
    atLeast('store vs Emmett, batch 1', figures.store.batch1 / figures.emmett.batch1, 1.5, 'x'),
    atLeast('store vs Emmett, batch 100', figures.store.batch100 / figures.emmett.batch100, 1.2, 'x'),
  ];
  const row = (label: string, key: 'batch1' | 'batch100'): [string, string] => [
    label,
    `this store ${fmt(figures.store[key])} ev/s, bare INSERT ${fmt(figures.bareInsert[key])}, Emmett ${fmt(figures.emmett[key])}`,
  ];
  return {
    figures,
    result: {
      scenario: 'store-append',
      title: `0. Store append (${WRITERS} writers, expected version, one case per writer at a time)`,
      rows: [
        row('batch 1', 'batch1'),
        row('batch 100', 'batch100'),
        ['bare multi-row INSERT, batch 1,000', `${fmt(figures.bareInsert.batch1000)} ev/s`],
      ],
      targets,
      details: { seconds, writers: WRITERS, eventsPerCase: EVENTS_PER_CASE, rates, figures, sessions: waits },
      notes: [
        `each contender ${seconds} s per run, ${profile.runs} run(s), median; pools of 10 connections; ` +
          'Emmett 0.42 with its default options (its own schema in the same database)',
      ],
      seconds: (performance.now() - started) / 1000,
    },
  };
}
