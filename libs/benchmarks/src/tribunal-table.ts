import { parseTribunalCell, type Cell } from './cells.js';
import { parseCsv } from './csv.js';

/** One LA's (or England's) appeals registered, total appealable decisions and appeal rate for a calendar year. */
export interface TribunalFigures {
  readonly appeals: Cell;
  readonly decisions: Cell;
  readonly rate: Cell;
}

const FIRST_YEAR = 2014;
const LA_CODE = /^\d{3}$/;

/**
 * The SEND Tribunal appeal-rate table (DfE method: appeals registered over total appealable decisions), 2014-2024:
 * one row per LA (name, DfE code), three columns per year, and an England total. Regions are not published in it.
 */
export class TribunalTable {
  private readonly byLa = new Map<string, Map<number, TribunalFigures>>();
  private readonly england = new Map<number, TribunalFigures>();
  readonly years: readonly number[];

  constructor(
    readonly file: string,
    text: string,
  ) {
    const rows = parseCsv(text);
    const yearRow = rows.find((row) => row[0] === 'Local Authority');
    if (yearRow === undefined) throw new Error(`${file}: no header row`);
    const years: number[] = [];
    for (let year = FIRST_YEAR; yearRow[2 + 3 * (year - FIRST_YEAR)] === String(year); year += 1) years.push(year);
    this.years = years;
    for (const row of rows) {
      const name = row[0] ?? '';
      const code = (row[1] ?? '').trim();
      const isEngland = name.startsWith('England Total');
      if (!isEngland && !LA_CODE.test(code)) continue;
      const figures = new Map<number, TribunalFigures>();
      for (const year of years) {
        const at = 2 + 3 * (year - FIRST_YEAR);
        figures.set(year, {
          appeals: parseTribunalCell(row[at] ?? '', file, `${year} Appeals registered`),
          decisions: parseTribunalCell(row[at + 1] ?? '', file, `${year} Total Appealable Decisions`),
          rate: parseTribunalCell(row[at + 2] ?? '', file, `${year} SEND Tribunal Appeal Rate`),
        });
      }
      if (isEngland) figures.forEach((value, year) => this.england.set(year, value));
      else this.byLa.set(code, figures);
    }
  }

  forLa(code: string, year: number): TribunalFigures | undefined {
    return this.byLa.get(code)?.get(year);
  }

  forEngland(year: number): TribunalFigures | undefined {
    return this.england.get(year);
  }

  laCodes(): string[] {
    return [...this.byLa.keys()];
  }
}
