import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Table } from './table.js';

/** Rows committed between two looks at whether the reader is keeping up. */
const ROWS_PER_CHECK = 500;

/**
 * One worksheet with a bold, frozen header row; numbers stay numbers. Written by exceljs' streaming workbook
 * writer: each row is committed (turned into sheet XML and zipped) as it is read, and the writer waits while the
 * reader is behind, so the workbook is never held whole in memory. A reader that goes away stops the writing.
 */
export function xlsxStream(table: Table): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'EHCP Pathway Monitor';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31) || 'export', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((header) => ({ header, width: 16 }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    sheet.getRow(1).commit();
    let count = 0;
    for (const row of table.rows) {
      sheet.addRow([...row]).commit();
      count += 1;
      if (count % ROWS_PER_CHECK === 0) {
        await readerCaughtUp(out);
        if (out.destroyed) return;
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** Resolves once the zip written so far has been taken by the reader (or the reader went away). */
async function readerCaughtUp(out: PassThrough): Promise<void> {
  // Let the zip stream flush what the committed rows produced into `out`.
  await new Promise((resolve) => setImmediate(resolve));
  if (!out.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
