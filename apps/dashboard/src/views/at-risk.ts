import { getJson } from '../api.js';
import { laPath } from '../la.js';
import type { AtRiskReport } from '../types.js';
import { h } from '../ui/dom.js';
import { downloads, table } from '../ui/table.js';

const PAGE_SIZE = 50;

/** The at-risk worklist: cases whose next deadline has passed or falls within N days, with filters and paging. */
export async function atRiskPage(la: string, params: URLSearchParams): Promise<HTMLElement[]> {
  const withinDays = /^\d+$/.test(params.get('withinDays') ?? '') ? params.get('withinDays')! : '28';
  const status = params.get('status') ?? '';
  const team = params.get('team') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const path = `${laPath(la)}/at-risk?withinDays=${withinDays}`;
  const report = await getJson<AtRiskReport>(path);
  const teams = [...new Set(report.cases.map((c) => c.team ?? ''))].filter((t) => t !== '').sort();
  const shown = report.cases.filter((c) => (status === '' || c.status === status) && (team === '' || c.team === team));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const slice = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  const form = h(
    'form',
    { class: 'app-filters', 'aria-label': 'Filter cases' },
    field(
      'withinDays',
      'Deadline within (days)',
      h('input', {
        class: 'govuk-input govuk-input--width-3',
        id: 'withinDays',
        name: 'withinDays',
        inputmode: 'numeric',
        value: withinDays,
      }),
    ),
    field(
      'status',
      'Status',
      h(
        'select',
        { class: 'govuk-select', id: 'status', name: 'status' },
        h('option', { value: '', selected: status === '' }, 'All'),
        h('option', { value: 'overdue', selected: status === 'overdue' }, 'Overdue'),
        h('option', { value: 'due-soon', selected: status === 'due-soon' }, 'Due soon'),
      ),
    ),
    field(
      'team',
      'Team',
      h(
        'select',
        { class: 'govuk-select', id: 'team', name: 'team' },
        h('option', { value: '', selected: team === '' }, 'All'),
        ...teams.map((t) => h('option', { value: t, selected: t === team }, t)),
      ),
    ),
    h('button', { type: 'submit', class: 'govuk-button' }, 'Apply filters'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v !== '') next.set(k, v);
    location.hash = `#/at-risk?${next.toString()}`;
  });

  const link = (n: number, label: string) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return h('a', { class: 'govuk-link', href: `#/at-risk?${next.toString()}` }, label);
  };
  return [
    h('h1', { class: 'govuk-heading-xl' }, 'Cases at risk'),
    h(
      'p',
      { class: 'govuk-body', id: 'at-risk-counts' },
      `On ${report.today}: ${report.overdue} overdue, ${report.dueSoon} due within ${report.withinDays} days. Showing ${shown.length}.`,
    ),
    form,
    table(
      `Cases at risk, page ${page} of ${pages}`,
      ['Case', 'Stage', 'Next step', 'Deadline', 'Days left', 'Status', 'Team', 'Primary need'],
      slice.map((c) => [
        h('a', { class: 'govuk-link', href: `#/cases/${encodeURIComponent(c.caseId)}` }, c.caseId),
        c.stage,
        c.step ?? '–',
        c.deadline,
        c.daysLeft,
        c.status === 'overdue' ? 'Overdue' : 'Due soon',
        c.team ?? '–',
        c.primaryNeed ?? '–',
      ]),
      new Set([4]),
    ),
    h(
      'nav',
      { class: 'app-pages', 'aria-label': 'Pages of cases' },
      page > 1 ? link(page - 1, 'Previous page') : null,
      h('span', { class: 'govuk-body' }, ` Page ${page} of ${pages} `),
      page < pages ? link(page + 1, 'Next page') : null,
    ),
    downloads(path, 'cases at risk'),
  ];
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id }, label), control);
}
