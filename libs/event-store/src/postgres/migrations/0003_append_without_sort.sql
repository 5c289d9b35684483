-- Appends with no second look-up of each eventId and no sort of the call's documents.
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
