import type { CalendarSettings } from '#calendar';
import { CASE_STREAM_PREFIX, type PathwayEvent } from '#pathway';
import type { BulkFold, BulkRebuild } from '../../runner/projection.js';
import { caseRows, CLOCK_COLUMNS, columnValues, FACT_COLUMNS } from './case-rows.js';

const EVENT_COLUMNS = ['la', 'case_id', 'position', 'recorded_at', 'event'] as const;

/**
 * A stored event as the fact `load` keeps (`fromStoredShape` with the instant it was recorded, to the millisecond as
 * `pg` reads it), built in SQL for the load in the database. The two loads keep the same rows; a test compares them.
 */
const STORED_EVENT_AS_FACT = `jsonb_build_object('eventId', event_id::text, 'type', type,
  'caseId', metadata->>'caseId', 'la', metadata->>'la', 'occurredOn', metadata->>'occurredOn',
  'source', metadata->>'source', 'data', data,
  'recordedAt', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
/** Cases folded per transaction of the fold pass: bounded memory, whatever the size of the store. */
const CASES_PER_PAGE = 2_000;

/**
 * The case clocks' rebuild: the first pass stores every event in `case_events` as it is read (no folding); the
 * second reads `case_events` case by case in key order and folds each case once, writing its clock and fact rows
 * once. The live fold instead refolds a case's whole history for every batch that touches it.
 */
export function caseClocksBulk(settings: CalendarSettings): BulkRebuild {
  return {
    async load(batch, tx) {
      await tx.writeRows(
        tx.table('case_events'),
        EVENT_COLUMNS,
        batch.map((entry) => [
          entry.event.la,
          entry.event.caseId,
          entry.position.toString(),
          entry.recordedAt,
          { ...entry.event, recordedAt: entry.recordedAt },
        ]),
      );
    },

    async loadInDatabase(tx, after, limit) {
      const [row] = (await tx.queryRunner.query(
        `WITH page AS (
           SELECT global_position, stream_name, event_id, type, data, metadata, recorded_at
           FROM event_store.read_all($1::bigint, $2::integer)),
         cases AS (
           SELECT * FROM page WHERE starts_with(stream_name, $3)),
         loaded AS (
           INSERT INTO ${tx.table('case_events')} (${EVENT_COLUMNS.join(', ')})
           SELECT metadata->>'la', metadata->>'caseId', global_position, date_trunc('milliseconds', recorded_at),
             ${STORED_EVENT_AS_FACT}
           FROM cases)
         SELECT (SELECT count(*) FROM page)::integer AS read,
           (SELECT max(global_position) FROM page)::text AS checkpoint,
           (SELECT coalesce(json_object_agg(la, position), '{}') FROM
             (SELECT metadata->>'la' AS la, max(global_position)::text AS position FROM cases GROUP BY 1) l) AS las`,
        [after.toString(), limit, CASE_STREAM_PREFIX],
      )) as Array<{ read: number; checkpoint: string | null; las: Record<string, string> }>;
      return {
        read: row?.read ?? 0,
        checkpoint: row?.checkpoint == null ? after : BigInt(row.checkpoint),
        lastPositionPerLa: new Map(Object.entries(row?.las ?? {}).map(([la, position]) => [la, BigInt(position)])),
      };
    },

    async foldAll(fold) {
      await fold.inTransaction(async (tx) => {
        await tx.queryRunner.query(`TRUNCATE ${tx.table('case_clock')}, ${tx.table('case_facts')}`);
      });
      // The next page is read while this one is folded and written: the reads see only what the load committed.
      let cases = 0;
      let next = readPage(fold, undefined);
      for (;;) {
        const rows = await next;
        const last = rows[rows.length - 1];
        if (last === undefined) return cases;
        next = readPage(fold, { la: last.la, caseId: last.case_id });
        // A failure of this page leaves the read ahead settled, never unhandled.
        next.catch(() => undefined);
        const page = foldPage(rows, settings);
        await fold.inTransaction(async (tx) => {
          await tx.writeRows(tx.table('case_clock'), CLOCK_COLUMNS, page.clocks);
          await tx.writeRows(tx.table('case_facts'), FACT_COLUMNS, page.facts);
        });
        cases += page.cases;
      }
    },
  };
}

interface EventRecord {
  la: string;
  case_id: string;
  position: string;
  event: PathwayEvent;
}

/** The events of the next CASES_PER_PAGE cases after `after`, in key and arrival order. */
function readPage(fold: BulkFold, after: { la: string; caseId: string } | undefined): Promise<EventRecord[]> {
  const events = fold.table('case_events');
  return fold.read<EventRecord>(
    `WITH page AS (
       SELECT DISTINCT la, case_id FROM ${events}
       WHERE $1::text IS NULL OR (la, case_id) > ($1::text, $2::text)
       ORDER BY la, case_id LIMIT $3)
     SELECT e.la, e.case_id, e.position::text AS position, e.event
     FROM ${events} e JOIN page p ON e.la = p.la AND e.case_id = p.case_id
     ORDER BY e.la, e.case_id, e.position`,
    [after?.la ?? null, after?.caseId ?? null, CASES_PER_PAGE],
  );
}

/** Each case of the page folded once: its clock row and fact rows. */
function foldPage(
  rows: readonly EventRecord[],
  settings: CalendarSettings,
): { cases: number; clocks: unknown[][]; facts: unknown[][] } {
  const clocks: unknown[][] = [];
  const facts: unknown[][] = [];
  let cases = 0;
  let start = 0;
  while (start < rows.length) {
    const first = rows[start]!;
    let end = start;
    while (end < rows.length && rows[end]!.la === first.la && rows[end]!.case_id === first.case_id) end += 1;
    const history = rows.slice(start, end).map((row) => row.event);
    const projected = caseRows(first.la, first.case_id, history, rows[end - 1]!.position, settings);
    if (projected !== null) {
      clocks.push(columnValues(CLOCK_COLUMNS, projected.clock));
      for (const fact of projected.facts) facts.push(columnValues(FACT_COLUMNS, fact));
    }
    cases += 1;
    start = end;
  }
  return { cases, clocks, facts };
}
