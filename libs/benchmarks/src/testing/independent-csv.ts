import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIRECTORY } from './data-files.js';

/**
 * Reads the shipped CSV files for tests, without the library's parser: one line per row (none of the rows read
 * here spans lines), cells split on commas outside quotes, quotes stripped.
 */
export function readRows(file: string): string[][] {
  const text = readFileSync(join(DATA_DIRECTORY, file), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"(.*)"$/, '$1')));
}

/** A DfE file as records keyed by column name. */
export function readRecords(file: string): Array<Record<string, string>> {
  const [header, ...rows] = readRows(file);
  return rows.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]!])));
}
