import { describe, expect, it, jest } from '@jest/globals';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvStream } from './csv.js';
import type { Cell, Table } from './table.js';
import { xlsxStream } from './xlsx.js';

jest.setTimeout(60_000);

/** Long enough that the written file is many times a stream's buffer. */
const ROWS = 20_000;

/** A long case list made row by row, counting how many rows the writer has asked for. */
function longList(): { table: Table; pulled: () => number } {
  let pulled = 0;
  function* rows(): Generator<Cell[]> {
    for (let i = 0; i < ROWS; i++) {
      pulled += 1;
      yield [`CASE-${i}`, '2024-03-04', i % 30, i % 2 === 0, i % 7 === 0 ? null : 'North'];
    }
  }
  return {
    table: { name: 'long', columns: ['caseId', 'deadline', 'daysLeft', 'overdue', 'team'], rows: rows() },
    pulled: () => pulled,
  };
}

async function firstChunk(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    stream.once('data', (chunk: Buffer) => {
      stream.pause();
      resolve(chunk);
    });
    stream.once('error', reject);
  });
}

async function whole(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('streamed exports', () => {
  it('writes CSV as the rows are read: the first bytes leave before most rows are made', async () => {
    const { table, pulled } = longList();
    const stream = csvStream(table);
    const first = await firstChunk(stream);
    expect(first.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled()).toBeLessThan(ROWS / 10);
    stream.resume();
    const text = Buffer.concat([first, await whole(stream)]);
    const records = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(records).toHaveLength(ROWS);
    expect(records[7]).toEqual({ caseId: 'CASE-7', deadline: '2024-03-04', daysLeft: '7', overdue: 'false', team: '' });
  });

  it('writes CSV with a BOM, CRLF and quoted commas', async () => {
    const csv = await whole(csvStream({ name: 'x', columns: ['a', 'b'], rows: [['1, 2', null]] }));
    expect(csv.toString('utf8')).toBe('\uFEFFa,b\r\n"1, 2",\r\n');
  });

  it('writes XLSX as the rows are read, and the workbook opens with every row', async () => {
    const { table, pulled } = longList();
    const stream = xlsxStream(table);
    const first = await firstChunk(stream);
    expect(first.subarray(0, 2).toString('latin1')).toBe('PK');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pulled()).toBeLessThan(ROWS);
    stream.resume();
    const file = Buffer.concat([first, await whole(stream)]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'caseId',
      'deadline',
      'daysLeft',
      'overdue',
      'team',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect((sheet.getRow(9).values as unknown[]).slice(1)).toEqual(['CASE-7', '2024-03-04', 7, false]);
  });

  it('stops writing XLSX when the reader goes away', async () => {
    const { table, pulled } = longList();
    const stream = xlsxStream(table);
    await firstChunk(stream);
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = pulled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pulled()).toBe(after);
    expect(after).toBeLessThan(ROWS);
  });
});
