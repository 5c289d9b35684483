import { MEASURES, publishedBenchmarks, type PublishedFigure } from '#benchmarks';
import { generateLa, NO_NOISE } from '#synthetic';
import { UsageError, positiveInt, str, type CliValues } from './args.js';
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
}

const COMPARED: ReadonlyArray<readonly [string, keyof FactCounts, 'volume' | 'rate']> = [
  ['requests-received', 'requests', 'volume'],
  ['refusal-share', 'refusalShare', 'rate'],
  ['decisions-within-6-weeks', 'decisionsWithin6Weeks', 'rate'],
  ['new-plans', 'newPlans', 'volume'],
  ['within-20-weeks-including-exceptions', 'within20Weeks', 'rate'],
  ['plans-in-january', 'plans', 'volume'],
];

function publishedValue(figure: PublishedFigure | null, kind: 'volume' | 'rate'): number | null {
  if (figure === null) return null;
  const numerator = figure.numerator.value;
  if (kind === 'volume') return numerator;
  const denominator = figure.denominator?.value ?? null;
  return numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
}

/** Generates LA `la` shaped like its `year` (one year, no feed noise) and compares it with the published figures. */
export function calibrationRows(la: string, year: number, seed = 1): CalibrationRow[] {
  const { shape, plans } = publishedShape(la, year);
  const events = generateLa({ la, seed, years: 1, endDate: `${year}-12-31`, plans, shape, noise: NO_NOISE });
  const counts = countFacts(events, year);
  const published = publishedBenchmarks();
  const rows: CalibrationRow[] = [];
  for (const [name, field, kind] of COMPARED) {
    const measure = MEASURES.find((m) => m.name === name);
    if (measure === undefined) throw new Error(`no published measure ${name}`);
    const value = publishedValue(published.figure(measure, { level: 'la', code: la }, year), kind);
    const generated = counts[field];
    if (value === null || Number.isNaN(generated)) continue;
    const gap = kind === 'rate' ? 100 * (generated - value) : value === 0 ? 0 : 100 * (generated / value - 1);
    rows.push({ la, measure: name, kind, generated, published: value, gap });
  }
  return rows;
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
  for (const line of skipped) process.stdout.write(`skipped ${line}\n`);
}
