import { getJson } from '../api.js';
import { laPath } from '../la.js';
import type { AtRiskReport } from '../types.js';
import { h } from '../ui/dom.js';
import { downloads, table } from '../ui/table.js';

const PAGE_SIZE = 50;

/** The statutory steps, as the at-risk route names them, with a label. */
const STEPS: ReadonlyArray<readonly [string, string]> = [
  ['assessment-decision', 'Decision whether to assess'],
  ['no-plan-notice', 'Decision whether to issue a plan'],
  ['final-plan', 'Final plan'],
  ['annual-review', 'Annual review'],
  ['review-decision', 'Review decision'],
  ['amended-plan', 'Amended plan'],
  ['phase-transfer', 'Phase transfer'],
  ['tribunal-order', 'Tribunal order'],
  ['transfer-notification', 'Transfer-in notice'],
  ['appeal-window', 'Appeal window'],
];

/** The filters the page passes to the server, as they appear in its address. */
const FILTERS = ['withinDays', 'status', 'team', 'step'] as const;

/**
 * The at-risk worklist: open obligations past their deadline or due within N days, filtered and paged by the
 * server (counts cover the whole filtered list); the downloads hold the whole filtered list.
 */
export async function atRiskPage(la: string, params: URLSearchParams): Promise<HTMLElement[]> {
  const withinDays = /^\d+$/.test(params.get('withinDays') ?? '') ? params.get('withinDays')! : '28';
  const status = params.get('status') ?? '';
  const team = params.get('team') ?? '';
  const step = params.get('step') ?? '';
  const cursor = params.get('cursor') ?? '';
  const query = new URLSearchParams({ withinDays });
  if (status !== '') query.set('status', status);
  if (team !== '') query.set('team', team);
  if (step !== '') query.set('step', step);
  const path = `${laPath(la)}/at-risk?${query.toString()}`;
  const pagePath = `${path}&limit=${PAGE_SIZE}${cursor === '' ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
  // The team list comes from the unfiltered counts, so a filtered page can still switch team.
  const [report, all] = await Promise.all([
    getJson<AtRiskReport>(pagePath),
    team === '' ? null : getJson<AtRiskReport>(`${laPath(la)}/at-risk?withinDays=${withinDays}&limit=1`),
  ]);
  const teams = Object.keys((all ?? report).byTeam)
    .filter((t) => t !== '(none)')
    .sort();

  const select = (id: string, label: string, current: string, options: ReadonlyArray<readonly [string, string]>) =>
    field(
      id,
      label,
      h(
        'select',
        { class: 'govuk-select', id, name: id },
        h('option', { value: '', selected: current === '' }, 'All'),
        ...options.map(([value, text]) => h('option', { value, selected: value === current }, text)),
      ),
    );
  const form = h(
    'form',
    { class: 'app-filters', 'aria-label': 'Filter the worklist' },
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
    select('status', 'Status', status, [
      ['overdue', 'Overdue'],
      ['due-soon', 'Due soon'],
    ]),
    select(
      'team',
      'Team',
      team,
      teams.map((t) => [t, t] as const),
    ),
    select('step', 'Step', step, STEPS),
    h('button', { type: 'submit', class: 'govuk-button' }, 'Apply filters'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v !== '') next.set(k, v);
    location.hash = `#/at-risk?${next.toString()}`;
  });

  const pageLink = (nextCursor: string | null, label: string) => {
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value !== null && value !== '') next.set(name, value);
    }
    if (nextCursor !== null) next.set('cursor', nextCursor);
    return h('a', { class: 'govuk-link', href: `#/at-risk?${next.toString()}` }, label);
  };
  const label = new Map(STEPS);
  return [
    h('h1', { class: 'govuk-heading-xl' }, 'Cases at risk'),
    h(
      'p',
      { class: 'govuk-body', id: 'at-risk-counts' },
      `On ${report.today}: ${report.overdue} overdue, ${report.dueSoon} due within ${report.withinDays} days. ` +
        `Showing ${report.total}.`,
    ),
    form,
    table(
      'Open obligations by step',
      ['Step', 'Obligations'],
      Object.entries(report.byStep).map(([name, count]) => [label.get(name) ?? name, count]),
      new Set([1]),
    ),
    table(
      `Cases at risk${cursor === '' ? '' : ' (a later page)'}`,
      ['Case', 'Next action', 'Deadline', 'Days left', 'Status', 'Stage', 'Team', 'Primary need'],
      report.items.map((c) => [
        h('a', { class: 'govuk-link', href: `#/cases/${encodeURIComponent(c.caseId)}` }, c.caseId),
        c.action,
        c.deadline,
        c.daysLeft,
        c.status === 'overdue' ? 'Overdue' : 'Due soon',
        c.stage,
        c.team ?? '–',
        c.primaryNeed ?? '–',
      ]),
      new Set([3]),
    ),
    h(
      'nav',
      { class: 'app-pages', 'aria-label': 'Pages of the worklist' },
      cursor === '' ? null : pageLink(null, 'First page'),
      report.nextCursor === null ? null : pageLink(report.nextCursor, 'Next page'),
    ),
    downloads(path, 'cases at risk'),
  ];
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'govuk-form-group' }, h('label', { class: 'govuk-label', for: id }, label), control);
}
