import type { Headline } from '../../../libs/kpis/src/headlines.js';
import type { Figure, KpiReport } from './types.js';

/** The KPI routes the dashboard has a page for. */
export const KPI_PAGES: ReadonlyArray<{ readonly kpi: string; readonly title: string }> = [
  { kpi: 'six-week-decisions', title: 'Decisions within 6 weeks' },
  { kpi: 'twenty-week-timeliness', title: 'New plans within 20 weeks' },
  { kpi: 'no-plan-notices', title: 'No-plan notices within 16 weeks' },
  { kpi: 'draft-plan-breaches', title: 'Final plans before representations ended' },
  { kpi: 'annual-reviews', title: 'Annual reviews' },
  { kpi: 'tribunal', title: 'Tribunal appeals' },
  { kpi: 'caseload', title: 'Caseload' },
  { kpi: 'placements', title: 'Placements' },
];

export const BREAKDOWNS: ReadonlyArray<{ readonly value: string; readonly label: string }> = [
  { value: 'primaryNeed', label: 'Primary need' },
  { value: 'ageBand', label: 'Age band' },
  { value: 'requestSource', label: 'Request source' },
  { value: 'team', label: 'Team' },
];

/** The headline figures, shared with the service's board pack. */
export { HEADLINES, type Headline } from '../../../libs/kpis/src/headlines.js';

/** A measure's value in one period: the rate for rates and averages, the count otherwise. */
export function valueOf(figure: Figure | undefined, kind: string): number | null {
  if (figure === undefined) return null;
  return kind === 'count' ? figure.numerator : figure.rate;
}

/** The value of a headline in each group of a report (the tribunal rate comes from the report's `rates`). */
export function headlineSeries(report: KpiReport, headline: Headline): Array<{ period: string; value: number | null }> {
  return report.groups.map((group) => ({
    period: group.period,
    value:
      headline.measure === 'dfe2024Rate'
        ? (report.rates?.find((r) => r.period === group.period)?.dfe2024Rate ?? null)
        : valueOf(group.figures[headline.measure], headline.kind),
  }));
}

export function formatValue(value: number | null, kind: string): string {
  if (value === null) return '–';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  if (kind === 'average') return value.toFixed(1);
  return value.toLocaleString('en-GB');
}

export function formatFigure(figure: Figure | undefined, kind: string): string {
  if (figure === undefined) return '–';
  if (kind === 'count') return figure.numerator.toLocaleString('en-GB');
  const rate = formatValue(figure.rate, kind);
  return kind === 'rate' ? `${rate} (${figure.numerator} of ${figure.denominator ?? 0})` : rate;
}

/** The last 24 complete-or-current months, as from/to dates. */
export function last24Months(today = new Date()): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 23, 1));
  return { from: start.toISOString().slice(0, 10), to };
}
