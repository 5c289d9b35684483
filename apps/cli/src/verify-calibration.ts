import { MEASURES, publishedBenchmarks, type PublishedFigure } from '#benchmarks';
import { generateLa, NO_NOISE } from '#synthetic';
import { UsageError, positiveInt, str, type CliValues } from './args.js';
import { januaryCensusDate } from '#kpis';
import { countFacts, type FactCounts } from './fact-counts.js';
import { publishedShape } from './published-shape.js';

/** One measure of one LA: the generated figure, the published one, and the gap (points for rates, % for volumes). */
export interface CalibrationRow {
  readonly la: string;
  readonly measure: string;
  readonly kind: 'volume' | 'rate';
  readonly generated: number;
  readonly published: number;
  readonly gap: number;
  /** What one case moves the figure by (points, or %): the gap a small LA cannot close. */
  readonly oneCase: number;
}

/** The figures a generated LA is compared on, however they were counted (from its facts, or by the service). */
export type CalibrationFigures = FactCounts;

/** Published measure, the figure compared with it, its kind, and the year of its published row relative to the
 * year compared (the placement mix is the January census at the start of the year: the previous year's row). */
const COMPARED: ReadonlyArray<readonly [string, keyof CalibrationFigures, 'volume' | 'rate', number]> = [
  ['requests-received', 'requests', 'volume', 0],
  ['refusal-share', 'refusalShare', 'rate', 0],
  ['decisions-within-6-weeks', 'decisionsWithin6Weeks', 'rate', 0],
  ['new-plans', 'newPlans', 'volume', 0],
  ['within-20-weeks-including-exceptions', 'within20Weeks', 'rate', 0],
  ['plans-in-january', 'plans', 'volume', 0],
  ['placement-mainstream', 'placementMainstream', 'rate', -1],
  ['placement-special', 'placementSpecial', 'rate', -1],
  ['placement-independent-or-non-maintained-special', 'placementIndependentOrNonMaintainedSpecial', 'rate', -1],
  ['placement-alternative-provision', 'placementAlternativeProvision', 'rate', -1],
  ['placement-further-education', 'placementFurtherEducation', 'rate', -1],
];

function publishedValue(figure: PublishedFigure | null, kind: 'volume' | 'rate'): number | null {
  if (figure === null) return null;
  const numerator = figure.numerator.value;
  if (kind === 'volume') return numerator;
  const denominator = figure.denominator?.value ?? null;
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

/** Each measure of `figures` (LA `la`, calendar year `year`) beside the published one. */
export function compareWithPublished(la: string, year: number, figures: CalibrationFigures): CalibrationRow[] {
  const published = publishedBenchmarks();
  const rows: CalibrationRow[] = [];
  for (const [name, field, kind, offset] of COMPARED) {
    const measure = MEASURES.find((m) => m.name === name);
    if (measure === undefined) throw new Error(`no published measure ${name}`);
    const figure = published.figure(measure, { level: 'la', code: la }, year + offset);
    const value = publishedValue(figure, kind);
    const generated = figures[field];
    if (value === null || Number.isNaN(generated)) continue;
    const gap = kind === 'rate' ? 100 * (generated - value) : value === 0 ? 0 : 100 * (generated / value - 1);
    const denominator = figure?.denominator?.value ?? null;
    const oneCase = kind === 'rate' ? (denominator ? 100 / denominator : 100) : value === 0 ? 100 : 100 / value;
    rows.push({ la, measure: name, kind, generated, published: value, gap, oneCase });
  }
  return rows;
}

/**
 * Whether a row is calibrated: a rate within 3 points and a volume within 5% of the published figure, or, where one
 * case moves the figure further than that (an LA with a handful of requests), within one case of it.
 */
export function withinTolerance(row: CalibrationRow): boolean {
  const limit = row.kind === 'rate' ? 3 : 5;
  return Math.abs(row.gap) <= Math.max(limit, row.oneCase + 1e-9);
}

/** Generates LA `la` shaped like its `year` (one year, no feed noise) and compares it with the published figures. */
export function calibrationRows(la: string, year: number, seed = 1): CalibrationRow[] {
  const { shape, plans } = publishedShape(la, year);
  const events = generateLa({ la, seed, years: 1, endDate: `${year}-12-31`, plans, shape, noise: NO_NOISE });
  return compareWithPublished(la, year, countFacts(events, year, januaryCensusDate(year)));
}

export function formatRows(rows: readonly CalibrationRow[]): string {
  const figure = (row: CalibrationRow, value: number): string =>
    row.kind === 'rate' ? `${(100 * value).toFixed(1)}%` : String(Math.round(value));
  const lines = rows.map((row) =>
    [
      row.la,
      row.measure.padEnd(38),
      figure(row, row.generated).padStart(8),
      figure(row, row.published).padStart(8),
      `${row.gap >= 0 ? '+' : ''}${row.gap.toFixed(1)}${row.kind === 'rate' ? ' pts' : ' %'}`.padStart(10),
    ].join('  '),
  );
  return [['la ', 'measure'.padEnd(38), 'generated', 'published', 'gap'.padStart(9)].join('  '), ...lines].join('\n');
}

/**
 * `verify-calibration --la CODE | --all [--year 2024] [--seed 1]`: each LA generated shaped like its published
 * figures, counted from its facts, beside the published figure; with --all, the worst gaps first.
 */
export function verifyCalibrationCommand(values: CliValues): void {
  const year = Number(str(values, 'year') ?? '2024');
  const seed = positiveInt(str(values, 'seed') ?? '1', 'seed');
  const la = str(values, 'la');
  const all = values['all'] === true;
  if ((la === undefined) === !all) throw new UsageError('verify-calibration needs --la CODE or --all');
  const published = publishedBenchmarks();
  const codes = all
    ? published
        .las()
        .filter((entry) => entry.lastPeriod >= `${year}`)
        .map((entry) => entry.code)
    : [la as string];
  const rows: CalibrationRow[] = [];
  const skipped: string[] = [];
  for (const code of codes) {
    try {
      rows.push(...calibrationRows(code, year, seed));
    } catch (error) {
      // With --all, an LA without the published figures to shape it on is reported, not fatal.
      if (!all || !(error instanceof UsageError)) throw error;
      skipped.push(`${code}: ${error.message}`);
    }
  }
  const ordered = all ? [...rows].sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap)) : rows;
  process.stdout.write(`${formatRows(ordered)}\n`);
  const within = rows.filter(withinTolerance);
  const lasWithin = new Set(rows.map((row) => row.la));
  for (const row of rows) if (!withinTolerance(row)) lasWithin.delete(row.la);
  process.stdout.write(
    `within tolerance: ${within.length} of ${rows.length} figures; every figure of ${lasWithin.size} of ` +
      `${new Set(rows.map((row) => row.la)).size} LAs\n`,
  );
  for (const line of skipped) process.stdout.write(`skipped ${line}\n`);
}
