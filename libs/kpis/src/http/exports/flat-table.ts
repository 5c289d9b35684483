import { columnName } from './sen2-columns.js';
import type { Cell, Table } from './table.js';

/**
 * Objects as a table of their leaves: nested keys are joined with dots (`thisWeek.appealRate.rate`), the columns
 * are every leaf any row has, in the order first met. Arrays are written as JSON text.
 */
export function flatTable(name: string, items: readonly object[]): Table {
  const flat = items.map((item) => flatten(item, ''));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of row.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return {
    name,
    columns: columns.map(columnName),
    rows: flat.map((row) => columns.map((key) => row.get(key) ?? null)),
  };
}

function flatten(value: object, prefix: string, into = new Map<string, Cell>()): Map<string, Cell> {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (inner === null || inner === undefined) into.set(path, null);
    else if (Array.isArray(inner)) into.set(path, JSON.stringify(inner));
    else if (typeof inner === 'object') flatten(inner as object, path, into);
    else if (typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean')
      into.set(path, inner);
    else into.set(path, String(inner as bigint));
  }
  return into;
}
