import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore, ExpectedVersion } from '#event-store';
const url = 'postgres://postgres@127.0.0.1:5432/mb_append';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query('drop database if exists mb_append'); await admin.query('create database mb_append'); await admin.end();
const store = await PostgresEventStore.fromConnectionString(url, { maxConnections: 1, notifications: false });
const pool = new pg.Pool({ connectionString: url, max: 1 });
await pool.query(`create table if not exists public.bare (
  global_position bigint generated always as identity primary key, stream_name text not null, stream_version integer not null,
  event_id uuid not null, type text not null, data jsonb not null, metadata jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null default now(), unique (event_id), unique (stream_name, stream_version))`);
const ev = (caseId) => ({ eventId: randomUUID(), type: 'AdviceRequested', data: { adviceFrom: 'educational-psychologist', team: 'North' },
  metadata: { caseId, la: '999', occurredOn: '2024-02-14', source: 'bench', recordedBy: 'bench' }, contentHash: randomUUID().replaceAll('-', '').repeat(2) });
const B = Number(process.argv[2] ?? 100), N = Number(process.argv[3] ?? 300);
async function run(name, fn) { for (let i = 0; i < 30; i++) await fn(`w${name}${i}`); const t = performance.now(); for (let i = 0; i < N; i++) await fn(`${name}${i}`); const ms = (performance.now() - t) / N; console.log(name, 'ms/call', ms.toFixed(3), 'ev/s', Math.round(B * 1000 / ms)); }
for (let r = 0; r < 2; r++) {
await run('bare' + r, async (c) => { const events = Array.from({ length: B }, () => ev(c));
  await pool.query(`insert into public.bare (stream_name, stream_version, event_id, type, data, metadata)
       select $1, $2::integer + ordinality::integer, id, $4, d, m from unnest($3::uuid[], $5::jsonb[], $6::jsonb[]) with ordinality as e(id, d, m)`,
      ['ehcp-case-999-' + c, -1, events.map((e) => e.eventId), events[0].type, events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata))]); });
await run('store' + r, async (c) => { const events = Array.from({ length: B }, () => ev(c)); await store.appendToStream('ehcp-case-999-' + c, events, ExpectedVersion.exact(-1)); });
}
await store.close(); await pool.end();
