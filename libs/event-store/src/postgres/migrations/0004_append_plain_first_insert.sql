-- Appends without ON CONFLICT on the first attempt.
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
