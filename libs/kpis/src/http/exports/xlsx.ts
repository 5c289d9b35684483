import ExcelJS from 'exceljs';
import type { Table } from './table.js';

/** One worksheet with a bold, frozen header row; numbers stay numbers. */
export async function toXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EHCP Pathway Monitor';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31) || 'export', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...table.columns]).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row]);
  sheet.columns.forEach((column) => {
    column.width = 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
