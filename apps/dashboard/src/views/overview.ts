import { getJson } from '../api.js';
import { formatValue, HEADLINES, headlineSeries, last24Months } from '../kpis.js';
import { laPath } from '../la.js';
import type { AtRiskReport, KpiReport } from '../types.js';
import { chart } from '../ui/chart.js';
import { comparators, publishedFigures } from '../ui/comparators.js';
import { h } from '../ui/dom.js';
import { downloads, table } from '../ui/table.js';

/** The LA overview: every headline KPI with its 24-month monthly trend, and the at-risk counts. */
export async function overview(la: string): Promise<HTMLElement[]> {
  const { from, to } = last24Months();
  const kpis = [...new Set(HEADLINES.map((h) => h.kpi))];
  const reports = new Map<string, KpiReport>();
  const [atRisk, published] = await Promise.all([
    getJson<AtRiskReport>(`${laPath(la)}/at-risk?withinDays=14`),
    publishedFigures(la),
    ...kpis.map(async (kpi) => {
      reports.set(kpi, await getJson<KpiReport>(`${laPath(la)}/kpis/${kpi}?from=${from}&to=${to}&groupBy=month`));
    }),
  ]);
  const cards = HEADLINES.map((headline) => {
    const report = reports.get(headline.kpi)!;
    const series = headlineSeries(report, headline);
    const latest = [...series].reverse().find((s) => s.value !== null)?.value ?? null;
    const path = `${laPath(la)}/kpis/${headline.kpi}?from=${from}&to=${to}&groupBy=month`;
    const id = `headline-${headline.measure}`;
    return h(
      'section',
      { class: 'app-card', 'aria-labelledby': id },
      h(
        'h2',
        { class: 'govuk-heading-m', id },
        h('a', { href: `#/kpi/${headline.kpi}`, class: 'govuk-link' }, headline.title),
      ),
      h(
        'p',
        { class: 'govuk-body app-headline', 'data-measure': headline.measure },
        formatValue(latest, headline.kind),
      ),
      h('p', { class: 'govuk-body-s' }, `Latest month with a figure; monthly trend ${from} to ${to}.`),
      comparators(headline, published),
      chart(
        'line',
        headline.title,
        series.map((s) => s.period),
        [{ name: headline.title, values: series.map((s) => s.value) }],
        headline.kind === 'rate',
      ),
      h(
        'details',
        { class: 'govuk-details' },
        h(
          'summary',
          { class: 'govuk-details__summary' },
          h('span', { class: 'govuk-details__summary-text' }, 'Figures by month'),
        ),
        h(
          'div',
          { class: 'govuk-details__text' },
          table(
            `${headline.title} by month`,
            ['Month', headline.title],
            series.map((s) => [s.period, formatValue(s.value, headline.kind)]),
            new Set([1]),
          ),
          downloads(path, headline.title),
        ),
      ),
    );
  });
  return [
    h('h1', { class: 'govuk-heading-xl' }, `LA ${la} overview`),
    h(
      'section',
      { class: 'app-card', 'aria-labelledby': 'at-risk-heading' },
      h(
        'h2',
        { class: 'govuk-heading-m', id: 'at-risk-heading' },
        h('a', { href: '#/at-risk', class: 'govuk-link' }, 'Cases at risk'),
      ),
      table(
        `Cases at risk on ${atRisk.today} (next deadline passed or within ${atRisk.withinDays} days)`,
        ['Status', 'Cases'],
        [
          ['Overdue', atRisk.overdue],
          ['Due within 14 days', atRisk.dueSoon],
        ],
        new Set([1]),
      ),
    ),
    h('div', { class: 'app-cards' }, ...cards),
  ];
}
