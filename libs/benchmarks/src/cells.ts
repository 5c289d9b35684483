/** Why a published cell holds no number (DfE symbols): `x` not available, `c` suppressed, `z` not applicable. */
export type CellStatus = 'published' | 'computed' | 'not-available' | 'suppressed' | 'not-applicable';

/**
 * One published figure: its value (never a stand-in zero for a missing one), its status, and where it came from
 * (`file` and `column`; a sum of columns is named `a + b`).
 */
export interface Cell {
  readonly value: number | null;
  readonly status: CellStatus;
  readonly file: string;
  readonly column: string;
}

const SYMBOLS: Readonly<Record<string, CellStatus>> = {
  x: 'not-available',
  c: 'suppressed',
  z: 'not-applicable',
};

/** A cell of a DfE explore-education-statistics file: a plain number or one of the symbols. */
export function parseDfeCell(raw: string, file: string, column: string): Cell {
  const text = raw.trim();
  const symbol = SYMBOLS[text.toLowerCase()];
  if (symbol !== undefined) return { value: null, status: symbol, file, column };
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`${file} ${column}: "${raw}" is neither a number nor x, c or z`);
  return { value: Number(text), status: 'published', file, column };
}

/**
 * A cell of the appeal-rate table (a spreadsheet export): `1,071`, `4.70%`, ` - ` (none: zero appeals), `x` or
 * `..` (not available), `~` (suppressed), empty (not published for that LA and year).
 */
export function parseTribunalCell(raw: string, file: string, column: string): Cell {
  const text = raw.trim();
  if (text === '-') return { value: 0, status: 'published', file, column };
  if (text === '~') return { value: null, status: 'suppressed', file, column };
  if (text === '' || text === 'x' || text === '..') return { value: null, status: 'not-available', file, column };
  const number = text.replace(/,/g, '').replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(number)) throw new Error(`${file} ${column}: "${raw}" is not a figure`);
  return { value: Number(number), status: 'published', file, column };
}

/** The sum of cells; missing if any part is missing (the first missing part's status). */
export function sumCells(cells: readonly Cell[]): Cell {
  const first = cells[0];
  if (first === undefined) throw new Error('sumCells needs at least one cell');
  if (cells.length === 1) return first;
  const column = cells.map((cell) => cell.column).join(' + ');
  const missing = cells.find((cell) => cell.value === null);
  if (missing) return { value: null, status: missing.status, file: first.file, column };
  const value = cells.reduce((total, cell) => total + (cell.value ?? 0), 0);
  return { value, status: 'computed', file: first.file, column };
}

/** numerator / denominator as a percentage to one decimal place, as the DfE publishes rates. */
export function percentCell(numerator: Cell, denominator: Cell): Cell {
  const column = `${numerator.column} / ${denominator.column}`;
  const missing = [numerator, denominator].find((cell) => cell.value === null);
  if (missing) return { value: null, status: missing.status, file: numerator.file, column };
  if (denominator.value === 0) return { value: null, status: 'not-applicable', file: numerator.file, column };
  const value = Math.round((1000 * (numerator.value ?? 0)) / (denominator.value ?? 1)) / 10;
  return { value, status: 'computed', file: numerator.file, column };
}
