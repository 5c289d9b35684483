import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Table } from './table.js';

/**
 * RFC 4180 CSV, UTF-8 with a byte-order mark so that Excel reads it as UTF-8; empty cells for nulls. Streamed: rows
 * are read from the table as the reader takes the text, so a long list never sits in memory as one file.
 */
export function csvStream(table: Table): Readable {
  const csv = stringify({
    bom: true,
    record_delimiter: '\r\n',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  function* records() {
    yield [...table.columns];
    for (const row of table.rows) yield row.map((cell) => cell ?? '');
  }
  // A failing row ends the file with the error rather than leaving the reader waiting.
  pipeline(Readable.from(records(), { objectMode: true }), csv).catch((error: unknown) =>
    csv.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return csv;
}
