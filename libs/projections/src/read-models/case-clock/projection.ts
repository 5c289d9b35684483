import { DEFAULT_CALENDAR_SETTINGS, type CalendarSettings } from '#calendar';
import type { PathwayEvent } from '#pathway';
import type { PositionedEvent, Projection, ProjectionTransaction } from '../../runner/projection.js';
import { caseRows } from './case-rows.js';
import { caseClocksBulk } from './rebuild.js';

export const CASE_CLOCKS_PROJECTION = 'case-clocks';
/** Bump when the fold or its tables change. */
const FOLD_VERSION = 2;

/**
 * The settings are part of the version (one digit per setting), so starting the service with a changed setting
 * rebuilds the figures into a new generation while the old ones are served.
 */
export function caseClocksVersion(settings: CalendarSettings): number {
  const code =
    (settings.countFrom === 'day1' ? 1 : 0) +
    (settings.reviewDue === 'anniversary' ? 2 : 0) +
    (settings.nextReviewFrom === 'decision' ? 4 : 0);
  return FOLD_VERSION * 100 + code;
}

/**
 * The case clock and its fact rows. Every case event is kept in `case_events` (so the fold never reads the event
 * store inside the transaction); for every case a batch touches, the clock is recomputed from the case's whole
 * history and the case's fact rows are replaced: idempotent writes, so replaying a batch changes nothing.
 */
export function caseClocksProjection(settings: CalendarSettings = DEFAULT_CALENDAR_SETTINGS): Projection {
  return {
    name: CASE_CLOCKS_PROJECTION,
    version: caseClocksVersion(settings),
    tables: ['case_events', 'case_clock', 'case_facts'],
    handle: (batch, tx) => handleBatch(batch, tx, settings),
    bulk: caseClocksBulk(settings),
  };
}

interface CaseKey {
  readonly la: string;
  readonly case_id: string;
}

async function handleBatch(
  batch: readonly PositionedEvent[],
  tx: ProjectionTransaction,
  settings: CalendarSettings,
): Promise<void> {
  const byCase = new Map<string, PositionedEvent[]>();
  for (const entry of batch) {
    const key = `${entry.event.la}\u0000${entry.event.caseId}`;
    const events = byCase.get(key);
    if (events === undefined) byCase.set(key, [entry]);
    else events.push(entry);
  }
  const keys: CaseKey[] = [...byCase.values()].map((events) => ({
    la: events[0]!.event.la,
    case_id: events[0]!.event.caseId,
  }));
  const keysJson = JSON.stringify(keys);
  const qr = tx.queryRunner;

  const stored = (await qr.query(
    `SELECT e.la, e.case_id, e.event FROM ${tx.table('case_events')} e
     JOIN jsonb_to_recordset($1::jsonb) AS k(la text, case_id text) ON e.la = k.la AND e.case_id = k.case_id
     ORDER BY e.la, e.case_id, e.position`,
    [keysJson],
  )) as Array<CaseKey & { event: PathwayEvent }>;
  const histories = new Map<string, PathwayEvent[]>();
  for (const row of stored) {
    const key = `${row.la}\u0000${row.case_id}`;
    const history = histories.get(key);
    if (history === undefined) histories.set(key, [row.event]);
    else history.push(row.event);
  }

  const eventRows: unknown[] = [];
  const clockRows: unknown[] = [];
  const factRows: unknown[] = [];
  for (const [key, events] of byCase) {
    const history = histories.get(key) ?? [];
    const known = new Set(history.map((event) => event.eventId));
    for (const entry of events) {
      // A replayed batch brings events the history already holds.
      if (known.has(entry.event.eventId)) continue;
      known.add(entry.event.eventId);
      const event = { ...entry.event, recordedAt: entry.recordedAt };
      history.push(event);
      eventRows.push({
        la: event.la,
        case_id: event.caseId,
        position: entry.position.toString(),
        recorded_at: entry.recordedAt,
        event,
      });
    }
    const last = events[events.length - 1]!;
    const rows = caseRows(last.event.la, last.event.caseId, history, last.position.toString(), settings);
    if (rows === null) continue;
    clockRows.push(rows.clock);
    factRows.push(...rows.facts);
  }

  if (eventRows.length > 0) {
    await qr.query(
      `INSERT INTO ${tx.table('case_events')} (la, case_id, position, recorded_at, event)
       SELECT la, case_id, position, recorded_at, event
       FROM jsonb_to_recordset($1::jsonb) AS x(la text, case_id text, position bigint, recorded_at timestamptz,
         event jsonb)
       ON CONFLICT (la, case_id, position) DO NOTHING`,
      [JSON.stringify(eventRows)],
    );
  }
  await qr.query(
    `DELETE FROM ${tx.table('case_facts')} f USING jsonb_to_recordset($1::jsonb) AS k(la text, case_id text)
     WHERE f.la = k.la AND f.case_id = k.case_id`,
    [keysJson],
  );
  if (factRows.length > 0) {
    await qr.query(
      `INSERT INTO ${tx.table('case_facts')}
         (la, case_id, seq, kind, span_from, span_until, primary_need, birth_month, request_source, team, fact)
       SELECT la, case_id, seq, kind, span_from, span_until, primary_need, birth_month, request_source, team, fact
       FROM jsonb_to_recordset($1::jsonb) AS x(la text, case_id text, seq integer, kind text, span_from date,
         span_until date, primary_need text, birth_month text, request_source text, team text, fact jsonb)`,
      [JSON.stringify(factRows)],
    );
  }
  if (clockRows.length > 0) {
    await qr.query(
      `INSERT INTO ${tx.table('case_clock')} (la, case_id, stage, next_deadline, next_deadline_step, team,
         primary_need, birth_month, request_source, clock, updated_position)
       SELECT la, case_id, stage, next_deadline, next_deadline_step, team, primary_need, birth_month,
         request_source, clock, updated_position
       FROM jsonb_to_recordset($1::jsonb) AS x(la text, case_id text, stage text, next_deadline date,
         next_deadline_step text, team text, primary_need text, birth_month text, request_source text, clock jsonb,
         updated_position bigint)
       ON CONFLICT (la, case_id) DO UPDATE SET stage = excluded.stage, next_deadline = excluded.next_deadline,
         next_deadline_step = excluded.next_deadline_step, team = excluded.team, primary_need = excluded.primary_need,
         birth_month = excluded.birth_month, request_source = excluded.request_source, clock = excluded.clock,
         updated_position = excluded.updated_position`,
      [JSON.stringify(clockRows)],
    );
  }
}
