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
  {
    name: '0002_append_without_lock',
    sql: `-- Appends without a lock held through commit, in one statement, and with a content hash per event.
--
-- Global order: a position is (writing transaction id << 20) + its ordinal within the transaction, so positions
-- follow transaction ids. Readers read only positions below (pg_snapshot_xmin(pg_current_snapshot()) << 20): every
-- transaction below that id has ended, and every transaction still running or yet to start has an id at or above
-- it, so an event that becomes visible later always lands above everything already read. Positions written before
-- this migration (1, 2, 3...) stay as they were: they are far below any new one (checked below).
alter table event_store.events alter column global_position drop identity if exists;

-- Reserves n consecutive positions of the current transaction and answers the first. The transaction's next
-- free ordinal lives in a transaction-local setting, so several appends in one transaction never collide.
create or replace function event_store.next_positions(n integer) returns bigint
language plpgsql volatile as $$
declare
  base bigint;
  first_free bigint := coalesce(nullif(current_setting('event_store.next_position', true), '')::bigint, 0);
begin
  perform pg_advisory_xact_lock_shared(7264013);
  base := (pg_current_xact_id()::text::bigint) << 20;
  if first_free < base then
    first_free := base;
  end if;
  if first_free + n > base + 1048576 then
    raise exception 'an event store transaction holds at most 1048576 events' using errcode = '54000';
  end if;
  perform set_config('event_store.next_position', (first_free + n)::text, true);
  return first_free;
end $$;

create or replace function event_store.next_position() returns bigint
language sql volatile as $$ select event_store.next_positions(1) $$;

alter table event_store.events alter column global_position set default event_store.next_position();

-- The first position no reader may see yet. Every append holds a shared advisory lock (7264013) from before its
-- transaction gets an id until it ends, so the writers that matter are the appenders of this database: the bound is
-- the smallest id among appenders still running, or the snapshot's xmax when none is. The snapshot's xmax is taken
-- before the lock table is read, so an appender with a smaller id has either ended by then or is listed. Callers read
-- below the bound in a later statement (a newer snapshot), where every transaction below it has ended.
-- Transactions of other databases, and of this one that write no events, never hold readers back.
create or replace function event_store.visible_below() returns bigint
language sql volatile as $$
  with snap as (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as xmax),
  appenders as (
    select t.transactionid::text::bigint as xid32
      from pg_locks a
      join pg_locks t on t.virtualtransaction = a.virtualtransaction and t.locktype = 'transactionid'
     where a.locktype = 'advisory' and a.classid = 0 and a.objid = 7264013 and a.objsubid = 1
       and a.database = (select oid from pg_database where datname = current_database()))
  select least(s.xmax, min(case when ((s.xmax & ~4294967295) | a.xid32) >= s.xmax
                                then ((s.xmax & ~4294967295) | a.xid32) - 4294967296
                                else (s.xmax & ~4294967295) | a.xid32 end)) << 20
    from snap s left join appenders a on true
   group by s.xmax
$$;

-- Events after a position, in global order, at most max_events, readable without skipping a late commit.
create or replace function event_store.read_all(after_position bigint, max_events integer)
returns setof event_store.events
language plpgsql volatile as $$
declare
  bound constant bigint := event_store.visible_below();
begin
  return query select * from event_store.events e
    where e.global_position > after_position and e.global_position < bound
    order by e.global_position limit max_events;
end $$;

-- The newest readable position (0 when none).
create or replace function event_store.head_position() returns bigint
language plpgsql volatile as $$
declare
  bound constant bigint := event_store.visible_below();
begin
  return coalesce((select max(e.global_position) from event_store.events e where e.global_position < bound), 0);
end $$;

do $$
begin
  if exists (select 1 from event_store.events where global_position >= (pg_current_xact_id()::text::bigint << 20)) then
    raise exception 'event store positions reach the transaction-id range; this store cannot be migrated in place';
  end if;
end $$;

-- A hash of each event's content as its writer defines it (for pathway facts: the canonical JSON of the fact), so
-- that a repeated eventId can be told apart as the same fact (duplicate) or a different one (conflict). Events
-- stored before this migration have none and are answered as duplicates.
alter table event_store.events add column if not exists content_hash text;

-- No NOTIFY here: a NOTIFY takes a database-wide lock from before commit until after it, which would serialise
-- commits again. The adapter announces new positions after commit instead, at most one NOTIFY at a time.
-- One append of one or more streams, in one statement. the argument is
--   [{"s": stream, "k": "any"|"no-stream"|"exists"|"exact", "v": version, "e": [{"i","t","d","m","h"}]}]
-- with each eventId once in the whole call. Events whose eventId is already stored are not stored again; the rest
-- get contiguous stream versions after the expectation is checked (stream rows locked in name order). A failed
-- expectation raises SQLSTATE EV409 with the stream's index and version in the detail, so nothing is stored.
-- Answers {"v": [each stream's version after the append], "k": {eventId: stored hash or "" for each stored one},
-- "p": the last position written, or null}.
create or replace function event_store.append(appends jsonb) returns jsonb
language plpgsql volatile as $$
declare
  known jsonb;
  versions integer[] := array_fill(-1, array[jsonb_array_length(appends)]);
  firsts integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  total integer := 0;
  target record;
  fresh integer;
  claimed integer;
  expected integer;
  base bigint;
begin
  -- Before anything gives this transaction an id: readers wait for running appenders (see visible_below).
  perform pg_advisory_xact_lock_shared(7264013);
  select coalesce(jsonb_object_agg(ev.event_id::text, coalesce(ev.content_hash, '')), '{}'::jsonb) into known
    from event_store.events ev
   where ev.event_id = any (array(
     select (x.doc->>'i')::uuid from jsonb_array_elements(appends) a(doc), jsonb_array_elements(a.doc->'e') x(doc)));

  for target in
    select a.ord::integer as ord, a.doc->>'s' as stream, a.doc->>'k' as kind, (a.doc->>'v')::integer as version,
           a.doc->'e' as events
      from jsonb_array_elements(appends) with ordinality a(doc, ord)
     order by a.doc->>'s'
  loop
    if known = '{}'::jsonb then
      fresh := jsonb_array_length(target.events);
    else
      select count(*) into fresh from jsonb_array_elements(target.events) x(doc) where not known ? lower(x.doc->>'i');
    end if;
    claimed := null;
    if fresh = 0 then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      versions[target.ord] := coalesce(claimed, -1);
      continue;
    end if;
    expected := case when target.kind = 'exact' and target.version < 0 then -1 else target.version end;
    if target.kind = 'any' then
      insert into event_store.streams as s (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do update set version = s.version + fresh
        returning s.version into claimed;
    elsif target.kind = 'no-stream' or (target.kind = 'exact' and expected = -1) then
      insert into event_store.streams (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do nothing
        returning version into claimed;
    elsif target.kind = 'exists' then
      update event_store.streams s set version = s.version + fresh where s.stream_name = target.stream
        returning s.version into claimed;
    else
      update event_store.streams s set version = s.version + fresh
       where s.stream_name = target.stream and s.version = expected
        returning s.version into claimed;
    end if;
    if claimed is null then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      raise exception 'stream % is at version %', target.stream, coalesce(claimed, -1)
        using errcode = 'EV409', detail = jsonb_build_object('stream', target.ord - 1, 'version', coalesce(claimed, -1))::text;
    end if;
    versions[target.ord] := claimed;
    firsts[target.ord] := claimed - fresh + 1;
    total := total + fresh;
  end loop;

  if total > 0 then
    base := event_store.next_positions(total);
    insert into event_store.events
      (global_position, stream_name, stream_version, event_id, type, data, metadata, content_hash)
    select base + row_number() over (order by a.ord, x.ord) - 1,
           a.doc->>'s',
           firsts[a.ord] + (row_number() over (partition by a.ord order by x.ord))::integer - 1,
           (x.doc->>'i')::uuid, x.doc->>'t', x.doc->'d', coalesce(x.doc->'m', '{}'::jsonb), x.doc->>'h'
      from jsonb_array_elements(appends) with ordinality a(doc, ord),
           jsonb_array_elements(a.doc->'e') with ordinality x(doc, ord)
     where not known ? lower(x.doc->>'i')
     order by a.ord, x.ord;
  end if;
  return jsonb_build_object('v', to_jsonb(versions), 'k', known, 'p', case when total > 0 then base + total - 1 end);
end $$;
`,
  },
  {
    name: '0003_append_without_sort',
    sql: `-- Appends with no second look-up of each eventId and no sort of the call's documents.
--
-- event_store.append (0002) looked every eventId up before writing (the unique index probed twice per event) and
-- numbered events with window functions over rows that each carried its stream's whole document, so a sort of 100
-- events moved megabytes. Now a first attempt writes every event of the call with ON CONFLICT (event_id) DO NOTHING,
-- its position and version following from its place in the call with no sort; if any eventId was already stored, it
-- raises SQLSTATE EVDUP, which undoes the whole call, and the caller runs it again with check_first, which looks the
-- eventIds up first and numbers only the new ones (each sorted alone).
drop function if exists event_store.append(jsonb);

-- One append of one or more streams, in one statement. the argument is
--   [{"s": stream, "k": "any"|"no-stream"|"exists"|"exact", "v": version, "e": [{"i","t","d","m","h"}]}]
-- with each eventId once in the whole call. Events whose eventId is already stored are not stored again; the rest
-- get contiguous stream versions after the expectation is checked (stream rows locked in name order). A failed
-- expectation raises SQLSTATE EV409 with the stream's index and version in the detail, so nothing is stored.
-- Without check_first, any eventId already stored raises EVDUP and nothing is stored.
-- Answers {"v": [each stream's version after the append], "k": {eventId: stored hash or "" for each stored one},
-- "p": the last position written, or null}.
create or replace function event_store.append(appends jsonb, check_first boolean default false) returns jsonb
language plpgsql volatile as $$
declare
  known jsonb;
  versions integer[] := array_fill(-1, array[jsonb_array_length(appends)]);
  firsts integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  total integer := 0;
  target record;
  fresh integer;
  claimed integer;
  expected integer;
  base bigint;
  offsets integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  fresh_counts integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  running integer := 0;
  written bigint;
begin
  -- Before anything gives this transaction an id: readers wait for running appenders (see visible_below).
  perform pg_advisory_xact_lock_shared(7264013);
  if check_first then
    select coalesce(jsonb_object_agg(ev.event_id::text, coalesce(ev.content_hash, '')), '{}'::jsonb) into known
      from event_store.events ev
     where ev.event_id = any (array(
       select (x.doc->>'i')::uuid from jsonb_array_elements(appends) a(doc), jsonb_array_elements(a.doc->'e') x(doc)));
  else
    known := '{}'::jsonb;
  end if;

  for target in
    select a.ord::integer as ord, a.doc->>'s' as stream, a.doc->>'k' as kind, (a.doc->>'v')::integer as version,
           a.doc->'e' as events
      from jsonb_array_elements(appends) with ordinality a(doc, ord)
     order by a.doc->>'s'
  loop
    if known = '{}'::jsonb then
      fresh := jsonb_array_length(target.events);
    else
      select count(*) into fresh from jsonb_array_elements(target.events) x(doc) where not known ? lower(x.doc->>'i');
    end if;
    claimed := null;
    if fresh = 0 then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      versions[target.ord] := coalesce(claimed, -1);
      continue;
    end if;
    expected := case when target.kind = 'exact' and target.version < 0 then -1 else target.version end;
    if target.kind = 'any' then
      insert into event_store.streams as s (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do update set version = s.version + fresh
        returning s.version into claimed;
    elsif target.kind = 'no-stream' or (target.kind = 'exact' and expected = -1) then
      insert into event_store.streams (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do nothing
        returning version into claimed;
    elsif target.kind = 'exists' then
      update event_store.streams s set version = s.version + fresh where s.stream_name = target.stream
        returning s.version into claimed;
    else
      update event_store.streams s set version = s.version + fresh
       where s.stream_name = target.stream and s.version = expected
        returning s.version into claimed;
    end if;
    if claimed is null then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      raise exception 'stream % is at version %', target.stream, coalesce(claimed, -1)
        using errcode = 'EV409', detail = jsonb_build_object('stream', target.ord - 1, 'version', coalesce(claimed, -1))::text;
    end if;
    versions[target.ord] := claimed;
    firsts[target.ord] := claimed - fresh + 1;
    fresh_counts[target.ord] := fresh;
    total := total + fresh;
  end loop;

  if total > 0 then
    base := event_store.next_positions(total);
    if known = '{}'::jsonb then
      -- Every event of the call is new (or the call is undone): its position and version follow from its place in
      -- the call, with no sort.
      for i in 1 .. coalesce(array_length(offsets, 1), 0) loop
        offsets[i] := running;
        running := running + fresh_counts[i];
      end loop;
      insert into event_store.events
        (global_position, stream_name, stream_version, event_id, type, data, metadata, content_hash)
      select base + offsets[a.ord] + x.ord - 1,
             a.doc->>'s',
             firsts[a.ord] + x.ord::integer - 1,
             (x.doc->>'i')::uuid, x.doc->>'t', x.doc->'d', coalesce(x.doc->'m', '{}'::jsonb), x.doc->>'h'
        from jsonb_array_elements(appends) with ordinality a(doc, ord),
             jsonb_array_elements(a.doc->'e') with ordinality x(doc, ord)
      on conflict (event_id) do nothing;
      get diagnostics written = row_count;
      if written < total then
        raise exception 'an eventId of this append is already stored' using errcode = 'EVDUP';
      end if;
    else
      insert into event_store.events
        (global_position, stream_name, stream_version, event_id, type, data, metadata, content_hash)
      -- Some eventIds were stored before: the rest are numbered in order. The sort carries each event alone, not
      -- its stream's whole document (offset 0 keeps the planner from folding the subquery into the sort).
      select base + row_number() over (order by f.ord, f.at) - 1,
             f.stream,
             firsts[f.ord] + (row_number() over (partition by f.ord order by f.at))::integer - 1,
             (f.doc->>'i')::uuid, f.doc->>'t', f.doc->'d', coalesce(f.doc->'m', '{}'::jsonb), f.doc->>'h'
        from (select a.ord, x.ord as at, a.doc->>'s' as stream, x.doc
                from jsonb_array_elements(appends) with ordinality a(doc, ord),
                     jsonb_array_elements(a.doc->'e') with ordinality x(doc, ord)
               where not known ? lower(x.doc->>'i')
              offset 0) f;
    end if;
  end if;
  return jsonb_build_object('v', to_jsonb(versions), 'k', known, 'p', case when total > 0 then base + total - 1 end);
end $$;
`,
  },
  {
    name: '0004_append_plain_first_insert',
    sql: `-- Appends without ON CONFLICT on the first attempt.
--
-- The first attempt (0003) wrote with ON CONFLICT (event_id) DO NOTHING and raised EVDUP when a row was skipped. ON
-- CONFLICT inserts each row speculatively (an extra WAL record and a look at the index before the insert), which a
-- one-event append pays in full. The first attempt is now a plain insert: an eventId already stored fails the unique
-- index (23505 on events_event_id_key), which undoes the whole call as EVDUP did, and the caller runs it again with
-- check_first, as before.
create or replace function event_store.append(appends jsonb, check_first boolean default false) returns jsonb
language plpgsql volatile as $$
declare
  known jsonb;
  versions integer[] := array_fill(-1, array[jsonb_array_length(appends)]);
  firsts integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  total integer := 0;
  target record;
  fresh integer;
  claimed integer;
  expected integer;
  base bigint;
  offsets integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  fresh_counts integer[] := array_fill(0, array[jsonb_array_length(appends)]);
  running integer := 0;
begin
  -- Before anything gives this transaction an id: readers wait for running appenders (see visible_below).
  perform pg_advisory_xact_lock_shared(7264013);
  if check_first then
    select coalesce(jsonb_object_agg(ev.event_id::text, coalesce(ev.content_hash, '')), '{}'::jsonb) into known
      from event_store.events ev
     where ev.event_id = any (array(
       select (x.doc->>'i')::uuid from jsonb_array_elements(appends) a(doc), jsonb_array_elements(a.doc->'e') x(doc)));
  else
    known := '{}'::jsonb;
  end if;

  for target in
    select a.ord::integer as ord, a.doc->>'s' as stream, a.doc->>'k' as kind, (a.doc->>'v')::integer as version,
           a.doc->'e' as events
      from jsonb_array_elements(appends) with ordinality a(doc, ord)
     order by a.doc->>'s'
  loop
    if known = '{}'::jsonb then
      fresh := jsonb_array_length(target.events);
    else
      select count(*) into fresh from jsonb_array_elements(target.events) x(doc) where not known ? lower(x.doc->>'i');
    end if;
    claimed := null;
    if fresh = 0 then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      versions[target.ord] := coalesce(claimed, -1);
      continue;
    end if;
    expected := case when target.kind = 'exact' and target.version < 0 then -1 else target.version end;
    if target.kind = 'any' then
      insert into event_store.streams as s (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do update set version = s.version + fresh
        returning s.version into claimed;
    elsif target.kind = 'no-stream' or (target.kind = 'exact' and expected = -1) then
      insert into event_store.streams (stream_name, version) values (target.stream, fresh - 1)
        on conflict (stream_name) do nothing
        returning version into claimed;
    elsif target.kind = 'exists' then
      update event_store.streams s set version = s.version + fresh where s.stream_name = target.stream
        returning s.version into claimed;
    else
      update event_store.streams s set version = s.version + fresh
       where s.stream_name = target.stream and s.version = expected
        returning s.version into claimed;
    end if;
    if claimed is null then
      select s.version into claimed from event_store.streams s where s.stream_name = target.stream;
      raise exception 'stream % is at version %', target.stream, coalesce(claimed, -1)
        using errcode = 'EV409', detail = jsonb_build_object('stream', target.ord - 1, 'version', coalesce(claimed, -1))::text;
    end if;
    versions[target.ord] := claimed;
    firsts[target.ord] := claimed - fresh + 1;
    fresh_counts[target.ord] := fresh;
    total := total + fresh;
  end loop;

  if total > 0 then
    base := event_store.next_positions(total);
    if known = '{}'::jsonb then
      -- Every event of the call is new (or the call is undone): its position and version follow from its place in
      -- the call, with no sort.
      for i in 1 .. coalesce(array_length(offsets, 1), 0) loop
        offsets[i] := running;
        running := running + fresh_counts[i];
      end loop;
      -- A plain insert: an eventId already stored fails the unique index (23505 on events_event_id_key), which undoes
      -- the call like EVDUP did, without the speculative insertion (and its WAL) that ON CONFLICT costs every row.
      insert into event_store.events
        (global_position, stream_name, stream_version, event_id, type, data, metadata, content_hash)
      select base + offsets[a.ord] + x.ord - 1,
             a.doc->>'s',
             firsts[a.ord] + x.ord::integer - 1,
             (x.doc->>'i')::uuid, x.doc->>'t', x.doc->'d', coalesce(x.doc->'m', '{}'::jsonb), x.doc->>'h'
        from jsonb_array_elements(appends) with ordinality a(doc, ord),
             jsonb_array_elements(a.doc->'e') with ordinality x(doc, ord);
    else
      insert into event_store.events
        (global_position, stream_name, stream_version, event_id, type, data, metadata, content_hash)
      -- Some eventIds were stored before: the rest are numbered in order. The sort carries each event alone, not
      -- its stream's whole document (offset 0 keeps the planner from folding the subquery into the sort).
      select base + row_number() over (order by f.ord, f.at) - 1,
             f.stream,
             firsts[f.ord] + (row_number() over (partition by f.ord order by f.at))::integer - 1,
             (f.doc->>'i')::uuid, f.doc->>'t', f.doc->'d', coalesce(f.doc->'m', '{}'::jsonb), f.doc->>'h'
        from (select a.ord, x.ord as at, a.doc->>'s' as stream, x.doc
                from jsonb_array_elements(appends) with ordinality a(doc, ord),
                     jsonb_array_elements(a.doc->'e') with ordinality x(doc, ord)
               where not known ? lower(x.doc->>'i')
              offset 0) f;
    end if;
  end if;
  return jsonb_build_object('v', to_jsonb(versions), 'k', known, 'p', case when total > 0 then base + total - 1 end);
end $$;
`,
  },
];
