import type { IsoDate } from '#calendar';
import { breakdownValue, type Breakdown, type BreakdownAttributes } from './breakdowns.js';
import { periodsBetween, type GroupBy, type Period } from './periods.js';

/**
 * One number with how it was reached. A rate has a denominator; a count has none; an average is `{ mean, n }` (the
 * mean of n values), also given as the numerator (their sum) over the denominator (n) for existing readers.
 */
export interface Figure {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly rate: number | null;
  /** For an average: the mean (null when there is nothing to average) and how many values it is the mean of. */
  readonly mean?: number | null;
  readonly n?: number;
  /** The cases behind the figure, when asked for: those counted in the numerator and in the denominator. */
  readonly cases?: { readonly numerator: readonly string[]; readonly denominator: readonly string[] };
}

export type MeasureKind = 'rate' | 'count' | 'average';

/** How one figure of a KPI is counted over rows of type R. */
export interface Measure<R> {
  readonly name: string;
  readonly kind: MeasureKind;
  readonly description: string;
  /** The rows the figure is about in this period (the denominator of a rate; what is counted or averaged). */
  readonly counts: (row: R, period: Period) => boolean;
  /** For a rate: those of them that meet the standard. */
  readonly meets?: (row: R, period: Period) => boolean;
  /** For an average: the value of a row. */
  readonly value?: (row: R) => number;
}

export interface GroupFigures {
  readonly period: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly figures: Readonly<Record<string, Figure>>;
  /** Present when a breakdown was asked for: the same figures per breakdown value. */
  readonly breakdown?: Readonly<Record<string, Readonly<Record<string, Figure>>>>;
}

export interface KpiReport {
  readonly kpi: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly groupBy: GroupBy;
  readonly breakdown: Breakdown | null;
  readonly measures: ReadonlyArray<{ readonly name: string; readonly kind: MeasureKind; readonly description: string }>;
  readonly groups: readonly GroupFigures[];
  /** The whole of [from, to] as one period. */
  readonly total: GroupFigures;
}

export interface ReportOptions {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly groupBy: GroupBy;
  readonly breakdown?: Breakdown | null;
  readonly includeCases?: boolean;
}

/** The dates a row spans; a row whose span misses a period counts in none of that period's figures. */
export type RowSpan<R> = (row: R) => { readonly from: IsoDate; readonly until: IsoDate | null };

/** Counts every measure over rows, per period (and per breakdown value), and over the whole range. */
export function report<R extends BreakdownAttributes>(
  kpi: string,
  allRows: readonly R[],
  measures: readonly Measure<R>[],
  options: ReportOptions,
  /**
   * When every measure counts a row only for periods its span meets, the span lets each period skip the other rows
   * (a KPI over 60 months then reads most rows once rather than 60 times per measure).
   */
  span?: RowSpan<R>,
): KpiReport {
  const breakdown = options.breakdown ?? null;
  const includeCases = options.includeCases ?? false;
  const spans = span === undefined ? undefined : allRows.map(span);
  const rowsMeeting = (period: Period): readonly R[] =>
    spans === undefined
      ? allRows
      : allRows.filter((_, n) => {
          const s = spans[n]!;
          return s.from <= period.to && (s.until === null || s.until >= period.from);
        });
  const group = (period: Period): GroupFigures => {
    const rows = rowsMeeting(period);
    const figures = figuresFor(rows, measures, period, includeCases);
    if (breakdown === null) return { period: period.key, from: period.from, to: period.to, figures };
    const byValue = new Map<string, R[]>();
    for (const row of rows) {
      const value = breakdownValue(row, breakdown, period.to);
      const bucket = byValue.get(value);
      if (bucket === undefined) byValue.set(value, [row]);
      else bucket.push(row);
    }
    const split: Record<string, Record<string, Figure>> = {};
    for (const value of [...byValue.keys()].sort()) {
      const values = figuresFor(byValue.get(value)!, measures, period, includeCases);
      // Leave out breakdown values with nothing to show in this period.
      if (Object.values(values).some((f) => f.numerator !== 0 || (f.denominator ?? 0) !== 0)) split[value] = values;
    }
    return { period: period.key, from: period.from, to: period.to, figures, breakdown: split };
  };
  return {
    kpi,
    from: options.from,
    to: options.to,
    groupBy: options.groupBy,
    breakdown,
    measures: measures.map(({ name, kind, description }) => ({ name, kind, description })),
    groups: periodsBetween(options.from, options.to, options.groupBy).map(group),
    total: group({ key: 'total', from: options.from, to: options.to }),
  };
}

function figuresFor<R extends BreakdownAttributes>(
  rows: readonly R[],
  measures: readonly Measure<R>[],
  period: Period,
  includeCases: boolean,
): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  for (const measure of measures) {
    const counted = rows.filter((row) => measure.counts(row, period));
    let figure: Figure;
    switch (measure.kind) {
      case 'count':
        figure = {
          numerator: counted.length,
          denominator: null,
          rate: null,
          ...(includeCases ? { cases: { numerator: caseIds(counted), denominator: [] } } : {}),
        };
        break;
      case 'rate': {
        const meets = measure.meets;
        const met = meets === undefined ? counted : counted.filter((row) => meets(row, period));
        figure = {
          numerator: met.length,
          denominator: counted.length,
          rate: counted.length === 0 ? null : round(met.length / counted.length, 4),
          ...(includeCases ? { cases: { numerator: caseIds(met), denominator: caseIds(counted) } } : {}),
        };
        break;
      }
      case 'average': {
        const value = measure.value ?? (() => 0);
        const sum = counted.reduce((total, row) => total + value(row), 0);
        figure = {
          numerator: round(sum, 4),
          denominator: counted.length,
          rate: counted.length === 0 ? null : round(sum / counted.length, 2),
          mean: counted.length === 0 ? null : round(sum / counted.length, 2),
          n: counted.length,
          ...(includeCases ? { cases: { numerator: caseIds(counted), denominator: caseIds(counted) } } : {}),
        };
        break;
      }
    }
    figures[measure.name] = figure;
  }
  return figures;
}

function caseIds(rows: readonly BreakdownAttributes[]): string[] {
  return [...new Set(rows.map((row) => row.caseId))].sort();
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
