import { percentCell, sumCells, type Cell } from './cells.js';
import { BUNDLED_DATA } from './data/bundled-data.js';
import {
  ANNUAL_REVIEWS_FILE,
  CASELOAD_FILE,
  NEW_PLANS_FILE,
  REQUESTS_FILE,
  TIMELINESS_FILE,
  TRIBUNAL_FILE,
  type DfeFile,
} from './data/files.js';
import { DfeTable, type Geography } from './dfe-table.js';
import { buildDirectory, type LocalAuthority } from './la-directory.js';
import { MEASURES, timePeriodOf, type Measure } from './measures.js';
import { placementMixOf, type PlacementMix } from './placement-mix.js';
import { rankAmong, type Rank } from './ranking.js';
import { TribunalTable } from './tribunal-table.js';

/** A published figure: a count has no denominator or rate. */
export interface PublishedFigure {
  readonly numerator: Cell;
  readonly denominator: Cell | null;
  readonly rate: Cell | null;
}

export interface MeasureBenchmark {
  readonly measure: string;
  readonly description: string;
  readonly kind: 'count' | 'rate';
  /** The time period of the file's rows: the calendar year, or the January census (`202425`) for the caseload. */
  readonly timePeriod: string;
  readonly file: string;
  readonly higherIsBetter: boolean | null;
  readonly serviceKpi: string | null;
  /** Null when the file has no row for the LA in that year. */
  readonly la: PublishedFigure | null;
  /** Null when the source publishes no regional figure. */
  readonly region: PublishedFigure | null;
  readonly england: PublishedFigure | null;
  /** Among LAs with a figure (the rate, or the count); null when the LA's is missing. */
  readonly rank: Rank | null;
}

export interface LaBenchmarks {
  readonly la: LocalAuthority;
  readonly year: number;
  readonly measures: readonly MeasureBenchmark[];
}

const DFE_FILES: readonly DfeFile[] = [
  REQUESTS_FILE,
  TIMELINESS_FILE,
  NEW_PLANS_FILE,
  ANNUAL_REVIEWS_FILE,
  CASELOAD_FILE,
];

/**
 * The DfE's published figures for every LA, region and England, held in memory, and each LA's benchmarks: its
 * figures beside its region's and England's, with its rank among LAs. Built once, from the shipped data.
 */
export class PublishedBenchmarks {
  private readonly tables: ReadonlyMap<DfeFile, DfeTable>;
  private readonly tribunal: TribunalTable;
  private readonly directory: ReadonlyMap<string, LocalAuthority>;
  private readonly ranked = new Map<string, readonly number[]>();
  /** The calendar years with published figures (from the requests file), oldest first. */
  readonly years: readonly number[];

  constructor(files: Readonly<Record<string, string>> = BUNDLED_DATA) {
    const text = (file: string): string => {
      const content = files[file];
      if (content === undefined) throw new Error(`published figures: ${file} is missing`);
      return content;
    };
    this.tables = new Map(DFE_FILES.map((file) => [file, new DfeTable(file, text(file))]));
    this.tribunal = new TribunalTable(TRIBUNAL_FILE, text(TRIBUNAL_FILE));
    this.directory = buildDirectory([...this.tables.values()]);
    this.years = this.table(REQUESTS_FILE).timePeriods().map(Number);
  }

  get latestYear(): number {
    const latest = this.years[this.years.length - 1];
    if (latest === undefined) throw new Error('published figures: no years');
    return latest;
  }

  las(): LocalAuthority[] {
    return [...this.directory.values()];
  }

  la(code: string): LocalAuthority | undefined {
    return this.directory.get(code);
  }

  isKnownLa(code: string): boolean {
    return this.directory.has(code);
  }

  /** Undefined for an unknown LA code. */
  benchmarks(code: string, year: number): LaBenchmarks | undefined {
    const la = this.directory.get(code);
    if (la === undefined) return undefined;
    return { la, year, measures: MEASURES.map((measure) => this.benchmark(measure, la, year)) };
  }

  /** One measure's published figure for a geography and year; null when no row holds it. */
  figure(measure: Measure, geography: Geography, year: number): PublishedFigure | null {
    if (measure.source === 'tribunal') {
      if (geography.level === 'region') return null;
      const figures =
        geography.level === 'england' ? this.tribunal.forEngland(year) : this.tribunal.forLa(geography.code, year);
      if (figures === undefined) return null;
      return { numerator: figures.appeals, denominator: figures.decisions, rate: figures.rate };
    }
    const table = this.table(measure.file);
    const row = table.row(timePeriodOf(measure.file, year), geography);
    if (row === undefined) return null;
    const numerator = sumCells(measure.numerator.map((column) => table.cell(row, column)));
    if (measure.denominator === undefined) return { numerator, denominator: null, rate: null };
    const denominator = sumCells(measure.denominator.map((column) => table.cell(row, column)));
    const rate = measure.rate === undefined ? percentCell(numerator, denominator) : table.cell(row, measure.rate);
    return { numerator, denominator, rate };
  }

  /**
   * The published placement mix of the plans held on the January census day of `censusYear` (the caseload file's
   * `${censusYear - 1}${censusYear % 100}` row); null when no row holds it.
   */
  placementMix(geography: Geography, censusYear: number): PlacementMix | null {
    const table = this.table(CASELOAD_FILE);
    const row = table.row(timePeriodOf(CASELOAD_FILE, censusYear - 1), geography);
    return row === undefined ? null : placementMixOf((column) => table.cell(row, column).value);
  }

  private benchmark(measure: Measure, la: LocalAuthority, year: number): MeasureBenchmark {
    const own = this.figure(measure, { level: 'la', code: la.code }, year);
    const value = own === null ? null : rankedValue(own);
    const others = this.rankedValues(measure, year);
    return {
      measure: measure.name,
      description: measure.description,
      kind: measure.source === 'dfe' && measure.denominator === undefined ? 'count' : 'rate',
      timePeriod: measure.source === 'dfe' ? timePeriodOf(measure.file, year) : String(year),
      file: measure.source === 'dfe' ? measure.file : TRIBUNAL_FILE,
      higherIsBetter: measure.higherIsBetter,
      serviceKpi: measure.serviceKpi,
      la: own,
      region: la.region.code === '' ? null : this.figure(measure, { level: 'region', code: la.region.code }, year),
      england: this.figure(measure, { level: 'england' }, year),
      rank: value === null ? null : rankAmong(value, others, measure.higherIsBetter),
    };
  }

  /** Every LA's ranked value of a measure in a year (computed once). */
  private rankedValues(measure: Measure, year: number): readonly number[] {
    const key = `${measure.name}:${year}`;
    const known = this.ranked.get(key);
    if (known !== undefined) return known;
    const codes = measure.source === 'tribunal' ? this.tribunal.laCodes() : [...this.directory.keys()];
    const values = codes
      .map((code) => this.figure(measure, { level: 'la', code }, year))
      .map((figure) => (figure === null ? null : rankedValue(figure)))
      .filter((value): value is number => value !== null);
    this.ranked.set(key, values);
    return values;
  }

  private table(file: DfeFile): DfeTable {
    const table = this.tables.get(file);
    if (table === undefined) throw new Error(`published figures: no table ${file}`);
    return table;
  }
}

/** What an LA is ranked on: the rate, or the count for a count. */
function rankedValue(figure: PublishedFigure): number | null {
  return figure.rate === null ? figure.numerator.value : figure.rate.value;
}

let shared: PublishedBenchmarks | undefined;

/** The shipped figures, parsed on first use and kept (the module provider calls this at start-up). */
export function publishedBenchmarks(): PublishedBenchmarks {
  shared ??= new PublishedBenchmarks();
  return shared;
}

/** True when `code` is an LA in the DfE's published figures: other routes answer 404 for any other code. */
export function isKnownLa(code: string): boolean {
  return publishedBenchmarks().isKnownLa(code);
}
