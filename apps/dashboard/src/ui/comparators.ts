import { comparatorOf, type Headline, type PublishedMeasures } from '../../../../libs/kpis/src/headlines.js';
import { getJson } from '../api.js';
import { formatValue } from '../kpis.js';
import { laPath } from '../la.js';
import { h } from './dom.js';

/** `GET .../benchmarks` as the dashboard reads it: the published measures and where the LA is. */
export interface LaBenchmarks extends PublishedMeasures {
  readonly la: { readonly name: string; readonly region: { readonly name: string } };
}

/** The LA's published figures of the latest published year; null when the DfE publishes none for the code. */
export async function publishedFigures(la: string): Promise<LaBenchmarks | null> {
  try {
    return await getJson<LaBenchmarks>(`${laPath(la)}/benchmarks`);
  } catch {
    return null;
  }
}

/** "2024", or "January 2025 census" for a census period such as 202425. */
function periodLabel(year: number, timePeriod: string): string {
  return /^\d{6}$/.test(timePeriod) ? `January 20${timePeriod.slice(4)} census` : String(year);
}

/**
 * The LA's own published figure, its region's and England's beside a headline, as text (so they need no other
 * alternative), with the year they refer to; a line saying none is published otherwise.
 */
export function comparators(headline: Headline, published: LaBenchmarks | null): HTMLElement {
  const comparator = published === null ? null : comparatorOf(published, headline);
  if (published === null || comparator === null) {
    return h(
      'p',
      { class: 'govuk-body-s app-comparators', 'data-comparator': 'none' },
      'No published comparator for this measure.',
    );
  }
  const row = (label: string, value: number | null, key: string) =>
    h(
      'div',
      { class: 'govuk-summary-list__row' },
      h('dt', { class: 'govuk-summary-list__key' }, label),
      h('dd', { class: 'govuk-summary-list__value', 'data-comparator': key }, formatValue(value, headline.kind)),
    );
  return h(
    'div',
    { class: 'app-comparators', 'data-comparator-measure': comparator.measure },
    h(
      'p',
      { class: 'govuk-body-s govuk-!-margin-bottom-1' },
      `Published by the DfE for ${periodLabel(comparator.year, comparator.timePeriod)}:`,
    ),
    h(
      'dl',
      { class: 'govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-2' },
      row(`${published.la.name} (published)`, comparator.la, 'la'),
      row(published.la.region.name, comparator.region, 'region'),
      row('England', comparator.england, 'england'),
    ),
  );
}
