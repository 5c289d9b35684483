import { stringify } from 'csv-stringify/sync';
import type { Table } from './table.js';

const BOM = '\uFEFF';

/** RFC 4180 CSV, UTF-8 with a byte-order mark so that Excel reads it as UTF-8. Empty cells for nulls. */
export function toCsv(table: Table): Buffer {
  const body = stringify([table.columns, ...table.rows.map((row) => row.map((cell) => cell ?? ''))], {
    record_delimiter: '\r\n',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  return Buffer.from(BOM + body, 'utf8');
}
