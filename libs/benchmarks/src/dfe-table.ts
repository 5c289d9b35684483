import { parseDfeCell, type Cell } from './cells.js';
import { parseCsv } from './csv.js';

/** Which rows of a file: England, a region (by its ONS code), or an LA (by its DfE three-digit code). */
export type Geography =
  | { readonly level: 'england' }
  | { readonly level: 'region'; readonly code: string }
  | { readonly level: 'la'; readonly code: string };

/** One national, regional or LA row of a DfE file. */
export interface DfeRow {
  readonly timePeriod: string;
  readonly geography: Geography;
  readonly regionCode: string;
  readonly regionName: string;
  readonly laCode: string;
  readonly laName: string;
  readonly newLaCode: string;
  readonly cells: ReadonlyMap<string, string>;
}

const LEVELS: Readonly<Record<string, Geography['level']>> = {
  National: 'england',
  Regional: 'region',
  'Local authority': 'la',
};

export function geographyKey(geography: Geography): string {
  return geography.level === 'england' ? 'england' : `${geography.level}:${geography.code}`;
}

/** A DfE explore-education-statistics file in memory: rows by time period and geography. */
export class DfeTable {
  private readonly rows = new Map<string, Map<string, DfeRow>>();

  constructor(
    readonly file: string,
    text: string,
  ) {
    const [header, ...body] = parseCsv(text);
    if (header === undefined) throw new Error(`${file} is empty`);
    const at = (row: readonly string[], column: string): string => {
      const index = header.indexOf(column);
      if (index < 0) throw new Error(`${file} has no column ${column}`);
      return row[index] ?? '';
    };
    for (const cells of body) {
      if (cells.length !== header.length)
        throw new Error(`${file}: a row has ${cells.length} cells, not ${header.length}`);
      const level = LEVELS[at(cells, 'geographic_level')];
      if (level === undefined) throw new Error(`${file}: unknown geographic_level "${at(cells, 'geographic_level')}"`);
      const geography: Geography =
        level === 'england'
          ? { level }
          : { level, code: level === 'region' ? at(cells, 'region_code') : at(cells, 'old_la_code') };
      const row: DfeRow = {
        timePeriod: at(cells, 'time_period'),
        geography,
        regionCode: at(cells, 'region_code'),
        regionName: at(cells, 'region_name'),
        laCode: at(cells, 'old_la_code'),
        laName: at(cells, 'la_name'),
        newLaCode: at(cells, 'new_la_code'),
        cells: new Map(header.map((column, index) => [column, cells[index] ?? ''])),
      };
      const period = this.rows.get(row.timePeriod) ?? new Map<string, DfeRow>();
      const key = geographyKey(geography);
      if (period.has(key)) throw new Error(`${file}: two rows for ${key} in ${row.timePeriod}`);
      period.set(key, row);
      this.rows.set(row.timePeriod, period);
    }
  }

  timePeriods(): string[] {
    return [...this.rows.keys()].sort();
  }

  row(timePeriod: string, geography: Geography): DfeRow | undefined {
    return this.rows.get(timePeriod)?.get(geographyKey(geography));
  }

  /** Every LA row of a time period. */
  laRows(timePeriod: string): DfeRow[] {
    return [...(this.rows.get(timePeriod)?.values() ?? [])].filter((row) => row.geography.level === 'la');
  }

  allRows(): DfeRow[] {
    return [...this.rows.values()].flatMap((period) => [...period.values()]);
  }

  cell(row: DfeRow, column: string): Cell {
    const raw = row.cells.get(column);
    if (raw === undefined) throw new Error(`${this.file} has no column ${column}`);
    return parseDfeCell(raw, this.file, column);
  }
}
