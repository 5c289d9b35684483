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
/** Pages in hand at once in the fold pass: one folded by the service while the database reads or writes another. */
const FOLD_WORKERS = 2;

/**
 * The case clocks' rebuild: the first pass stores every event in `case_events` as it is read (no folding); the
 * second reads `case_events` case by case in key order and folds each case once, writing its clock and fact rows
 * once. The live fold instead refolds a case's whole history for every batch that touches it.
 */
export function caseClocksBulk(settings: CalendarSettings, casesPerPage = CASES_PER_PAGE): BulkRebuild {
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
      // Pages of CASES_PER_PAGE cases, bounded by every CASES_PER_PAGE-th case key, folded FOLD_WORKERS at a time:
      // while one page is folded here, another is read or written by the database. Each page is read on its own
      // (the reads see only what the load committed) and written in its own transaction.
      const bounds = await pageBounds(fold, casesPerPage);
      const pages = [...bounds, undefined].map((upTo, i) => ({ after: i === 0 ? undefined : bounds[i - 1], upTo }));
      let next = 0;
      let cases = 0;
      const worker = async (): Promise<void> => {
        while (next < pages.length) {
          const range = pages[next++]!;
          const page = foldPage(await readPage(fold, range.after, range.upTo), settings);
          if (page.cases === 0) continue;
          await fold.inTransaction(async (tx) => {
            await tx.writeRows(tx.table('case_clock'), CLOCK_COLUMNS, page.clocks);
            await tx.writeRows(tx.table('case_facts'), FACT_COLUMNS, page.facts);
          });
          cases += page.cases;
        }
      };
      await Promise.all(Array.from({ length: FOLD_WORKERS }, worker));
      return cases;
    },
  };
}

interface CaseKey {
  la: string;
  case_id: string;
}

interface EventRecord extends CaseKey {
  position: string;
  event: PathwayEvent;
}

/** Every CASES_PER_PAGE-th case key of `case_events`, in key order: the last case of each full page. */
function pageBounds(fold: BulkFold, casesPerPage: number): Promise<CaseKey[]> {
  return fold.read<CaseKey>(
    `SELECT la, case_id FROM (
       SELECT la, case_id, row_number() OVER (ORDER BY la, case_id) AS n
       FROM (SELECT DISTINCT la, case_id FROM ${fold.table('case_events')}) cases) numbered
     WHERE n % $1 = 0 ORDER BY la, case_id`,
    [casesPerPage],
  );
}

/** The events of the cases after `after` up to and including `upTo`, in key and arrival order. */
function readPage(fold: BulkFold, after: CaseKey | undefined, upTo: CaseKey | undefined): Promise<EventRecord[]> {
  return fold.read<EventRecord>(
    `SELECT la, case_id, position::text AS position, event FROM ${fold.table('case_events')}
     WHERE ($1::text IS NULL OR (la, case_id) > ($1::text, $2::text))
       AND ($3::text IS NULL OR (la, case_id) <= ($3::text, $4::text))
     ORDER BY la, case_id, position`,
    [after?.la ?? null, after?.case_id ?? null, upTo?.la ?? null, upTo?.case_id ?? null],
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
