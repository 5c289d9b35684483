import { getJson } from '../api.js';
import { h, replace } from '../ui/dom.js';

interface FigureWithCases {
  readonly cases?: { readonly numerator: readonly string[]; readonly denominator: readonly string[] };
}

interface ReportWithCases {
  readonly total: { readonly breakdown?: Record<string, Record<string, FigureWithCases>> };
}

/**
 * The cases behind one breakdown value's figure (asked with includeCases=true, which only managers may), listed as
 * links to each case: those that met the standard and those that did not.
 */
export async function showCasesBehind(
  target: HTMLElement,
  splitPath: string,
  value: string,
  measure: string,
  title: string,
): Promise<void> {
  replace(target, h('p', { class: 'govuk-body' }, `Loading the cases behind ${title} for ${value}…`));
  try {
    const report = await getJson<ReportWithCases>(`${splitPath}&includeCases=true`);
    const cases = report.total.breakdown?.[value]?.[measure]?.cases;
    const met = new Set(cases?.numerator ?? []);
    const all = cases?.denominator.length ? cases.denominator : (cases?.numerator ?? []);
    const link = (id: string) =>
      h(
        'li',
        {},
        h('a', { class: 'govuk-link', href: `#/cases/${encodeURIComponent(id)}` }, id),
        met.has(id) ? '' : ' (not met)',
      );
    replace(
      target,
      h(
        'h3',
        { class: 'govuk-heading-m', tabindex: '-1', id: 'cases-behind-heading' },
        `Cases behind ${title}: ${value}`,
      ),
      h('p', { class: 'govuk-body' }, `${all.length} cases, ${met.size} met the standard.`),
      h('ul', { class: 'govuk-list govuk-list--bullet app-case-list' }, ...all.map(link)),
    );
    target.querySelector<HTMLElement>('#cases-behind-heading')?.focus();
  } catch (error) {
    replace(target, h('p', { class: 'govuk-body' }, error instanceof Error ? error.message : String(error)));
  }
}
