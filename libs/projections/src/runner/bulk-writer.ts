import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

/**
 * How a rebuild writes many rows at once. `copy` streams COPY FROM STDIN on the transaction's connection (a real
 * PostgreSQL server); `insert` sends multi-row INSERTs, for embedded PGlite, whose socket server wedges on COPY.
 */
export type BulkWriteMode = 'copy' | 'insert';

/** Rows per multi-row INSERT: 65,535 bind parameters at most, and statements of a sensible size. */
const INSERT_ROWS = 500;

export async function writeRows(
  qr: QueryRunner,
  mode: BulkWriteMode,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  if (rows.length === 0) return;
  if (mode === 'copy') await copyRows(qr, table, columns, rows);
  else await insertRows(qr, table, columns, rows);
}

async function copyRows(
  qr: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  const client = (await qr.connect()) as pg.PoolClient;
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(copyLines(rows)), sink);
}

function* copyLines(rows: ReadonlyArray<readonly unknown[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyText).join('\t') + '\n';
    if (chunk.length > 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;

/**
 * One value in COPY's text format: backslash, tab, newline and carriage return escaped; NULL as \N; objects as JSON
 * (for json and jsonb columns).
 */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
  // Most values need no escape (JSON never holds a raw tab or line break): test before paying for the replace.
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIALS, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

async function insertRows(
  qr: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_ROWS) {
    const slice = rows.slice(start, start + INSERT_ROWS);
    const params: unknown[] = [];
    const tuples = slice.map((row) => {
      const marks = row.map((value) => {
        params.push(
          value !== null && typeof value === 'object'
            ? JSON.stringify(value)
            : typeof value === 'bigint'
              ? value.toString()
              : value,
        );
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await qr.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}
