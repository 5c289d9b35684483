/** A report flattened to one header row and rows of plain cells: what CSV and XLSX exports are written from. */
export type Cell = string | number | boolean | null;

export interface Table {
  /** The file name without extension, e.g. `202-twenty-week-timeliness-2024-01-01-2024-12-31`. */
  readonly name: string;
  readonly columns: readonly string[];
  /** Read once, row by row, as the file is written: an array, or a generator that makes each row when asked. */
  readonly rows: Iterable<readonly Cell[]>;
}
