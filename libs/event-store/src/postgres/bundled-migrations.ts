import type { Migration } from './migrate.js';

/**
 * The SQL of `migrations/*.sql`, for builds that ship only compiled JavaScript (the Docker image copies `dist/`
 * alone). A unit test keeps it identical to the files, which stay the source to edit.
 */
export const BUNDLED_MIGRATIONS: readonly Migration[] = [
  {
    name: '0001_event_store',
    sql: `-- The event store's tables, in their own schema so that read models can live in the same database.
create schema if not exists event_store;

-- One row per stream: the optimistic concurrency check is one row lock on it.
create table if not exists event_store.streams (
  stream_name text primary key,
  version integer not null check (version >= 0)
);

create table if not exists event_store.events (
  global_position bigint generated always as identity primary key,
  -- The writing transaction, kept for diagnosing ordering; reads follow global_position (see the adapter).
  transaction_id xid8 not null default pg_current_xact_id(),
  stream_name text not null,
  stream_version integer not null check (stream_version >= 0),
  event_id uuid not null,
  type text not null,
  data jsonb not null,
  metadata jsonb not null default '{}'::jsonb,
  recorded_at timestamptz not null default now(),
  constraint events_event_id_key unique (event_id),
  constraint events_stream_version_key unique (stream_name, stream_version)
);
`,
  },
];
