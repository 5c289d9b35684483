import { getJson } from '../api.js';
import { BREAKDOWNS, formatFigure, HEADLINES, KPI_PAGES, last24Months, valueOf } from '../kpis.js';
import { laPath } from '../la.js';
import type { KpiReport } from '../types.js';
import { chart } from '../ui/chart.js';
import { comparators, publishedFigures } from '../ui/comparators.js';
import { h } from '../ui/dom.js';
import { downloads, table } from '../ui/table.js';
import { showCasesBehind } from './cases-behind.js';

/** A KPI's page: every measure by month (chart and table), and the whole period split by a breakdown. */
export async function kpiPage(la: string, kpi: string, breakdown: string): Promise<HTMLElement[]> {
  const page = KPI_PAGES.find((p) => p.kpi === kpi);
  if (page === undefined) return [h('h1', { class: 'govuk-heading-l' }, 'Page not found')];
  const { from, to } = last24Months();
  const monthlyPath = `${laPath(la)}/kpis/${kpi}?from=${from}&to=${to}&groupBy=month`;
  const splitPath = `${laPath(la)}/kpis/${kpi}?from=${from}&to=${to}&groupBy=year&breakdown=${breakdown}`;
  const [monthly, split, published] = await Promise.all([
    getJson<KpiReport>(monthlyPath),
    getJson<KpiReport>(splitPath),
    publishedFigures(la),
  ]);
  const headlines = HEADLINES.filter((headline) => headline.kpi === kpi);
  const rates = monthly.measures.filter((m) => m.kind === 'rate');
  const others = monthly.measures.filter((m) => m.kind !== 'rate');
  const months = monthly.groups.map((g) => g.period);
  const breakdownLabel = BREAKDOWNS.find((b) => b.value === breakdown)?.label ?? breakdown;

  const measureChart = (measures: typeof rates, title: string, percent: boolean) =>
    measures.length === 0
      ? null
      : chart(
          'line',
          title,
          months,
          measures.map((m) => ({
            name: m.name,
            values: monthly.groups.map((g) => valueOf(g.figures[m.name], m.kind)),
          })),
          percent,
        );

  const picker = h(
    'select',
    { class: 'govuk-select', id: 'breakdown', name: 'breakdown' },
    ...BREAKDOWNS.map((b) => h('option', { value: b.value, selected: b.value === breakdown }, b.label)),
  );
  picker.addEventListener('change', () => {
    location.hash = `#/kpi/${kpi}?breakdown=${picker.value}`;
  });
  const values = Object.keys(split.total.breakdown ?? {}).sort();
  const chartMeasures = rates.length > 0 ? rates : others;
  const behind = h('div', { class: 'app-cases-behind', 'aria-live': 'polite' });
  const showCases = (value: string) => {
    const measure = chartMeasures[0];
    if (measure !== undefined) void showCasesBehind(behind, splitPath, value, measure.name, measure.name);
  };
  const casesButton = (value: string) => {
    const button = h(
      'button',
      { type: 'button', class: 'govuk-button govuk-button--secondary app-show-cases' },
      'Show cases',
      h('span', { class: 'govuk-visually-hidden' }, ` for ${value}`),
    );
    button.addEventListener('click', () => showCases(value));
    return button;
  };

  const content = [
    h('h1', { class: 'govuk-heading-xl' }, page.title),
    h('p', { class: 'govuk-body' }, `LA ${la}, ${from} to ${to}, by month.`),
    h(
      'dl',
      { class: 'govuk-summary-list' },
      ...monthly.measures.map((m) =>
        h(
          'div',
          { class: 'govuk-summary-list__row' },
          h('dt', { class: 'govuk-summary-list__key' }, m.name),
          h('dd', { class: 'govuk-summary-list__value' }, m.description),
          h(
            'dd',
            { class: 'govuk-summary-list__actions', 'data-total': m.name },
            formatFigure(monthly.total.figures[m.name], m.kind),
          ),
        ),
      ),
    ),
    headlines.length === 0
      ? null
      : h(
          'section',
          { 'aria-labelledby': 'comparators-heading' },
          h('h2', { class: 'govuk-heading-m', id: 'comparators-heading' }, 'Published comparators'),
          ...headlines.flatMap((headline) => [
            h('h3', { class: 'govuk-heading-s' }, headline.title),
            comparators(headline, published),
          ]),
        ),
    h('h2', { class: 'govuk-heading-l' }, 'By month'),
    measureChart(rates, `${page.title}: rates`, true),
    measureChart(others, `${page.title}: counts and averages`, false),
    table(
      `${page.title} by month`,
      ['Month', ...monthly.measures.map((m) => m.name)],
      monthly.groups.map((g) => [g.period, ...monthly.measures.map((m) => formatFigure(g.figures[m.name], m.kind))]),
      new Set(monthly.measures.map((_, i) => i + 1)),
    ),
    downloads(monthlyPath, `${page.title} by month`),
    h('h2', { class: 'govuk-heading-l' }, `By ${breakdownLabel.toLowerCase()}`),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: 'breakdown' }, 'Break down by'),
      picker,
    ),
    chart(
      'bar',
      `${page.title} by ${breakdownLabel.toLowerCase()}`,
      values,
      chartMeasures.map((m) => ({
        name: m.name,
        values: values.map((v) => valueOf(split.total.breakdown?.[v]?.[m.name], m.kind)),
      })),
      rates.length > 0,
      showCases,
    ),
    table(
      `${page.title} by ${breakdownLabel.toLowerCase()}, ${from} to ${to}`,
      [breakdownLabel, ...split.measures.map((m) => m.name), 'Cases'],
      values.map((v) => [
        v,
        ...split.measures.map((m) => formatFigure(split.total.breakdown?.[v]?.[m.name], m.kind)),
        casesButton(v),
      ]),
      new Set(split.measures.map((_, i) => i + 1)),
    ),
    downloads(splitPath, `${page.title} by ${breakdownLabel.toLowerCase()}`),
    behind,
  ];
  return content.filter((el): el is HTMLElement => el !== null);
}
