import { getJson } from '../api.js';
import { formatFigure } from '../kpis.js';
import { laPath } from '../la.js';
import type { Figure, WeeklyRollup } from '../types.js';
import { chart } from '../ui/chart.js';
import { h } from '../ui/dom.js';
import { downloads, table } from '../ui/table.js';
import { showRevisions } from './rollup-revisions.js';

const FIGURES: ReadonlyArray<{ readonly name: string; readonly title: string }> = [
  { name: 'decisionsWithinSixWeeks', title: 'Decisions within 6 weeks' },
  { name: 'withinTwentyWeeksIncludingExceptions', title: '20 weeks, incl. exceptions' },
  { name: 'withinTwentyWeeksExcludingExceptions', title: '20 weeks, excl. exceptions' },
  { name: 'annualReviewsHeldOnTime', title: 'Reviews on time' },
  { name: 'appealsRegistered', title: 'Appeals registered' },
];

/** The weekly rollups, newest week first, with the revision each is at (1 = as first reported). */
export async function rollupsPage(la: string): Promise<HTMLElement[]> {
  const path = `${laPath(la)}/rollups/weekly?limit=52`;
  const { rollups } = await getJson<{ rollups: readonly WeeklyRollup[] }>(path);
  const oldestFirst = [...rollups].reverse();
  const figure = (r: WeeklyRollup, name: string) => r.thisWeek[name] as Figure | undefined;
  const revisions = h('div', { 'aria-live': 'polite' });
  const compare = (r: WeeklyRollup) => {
    const button = h(
      'button',
      { type: 'button', class: 'govuk-button govuk-button--secondary app-compare' },
      'Compare',
      h('span', { class: 'govuk-visually-hidden' }, ` ${r.week} as first reported and as known now`),
    );
    button.addEventListener('click', () => void showRevisions(revisions, path, r.week));
    return button;
  };
  return [
    h('h1', { class: 'govuk-heading-xl' }, 'Weekly rollups'),
    h(
      'p',
      { class: 'govuk-body' },
      'Each week as known now. A revision above 1 means facts recorded later changed the week since it was first reported.',
    ),
    rollups.length === 0
      ? h('p', { class: 'govuk-body' }, 'No weekly rollup has been published for this LA yet.')
      : chart(
          'bar',
          'cases at risk at the end of each week',
          oldestFirst.map((r) => r.week),
          [
            { name: 'Overdue', values: oldestFirst.map((r) => r.atRisk.overdue) },
            { name: 'Due soon', values: oldestFirst.map((r) => r.atRisk.dueSoon) },
          ],
          false,
        ),
    table(
      'Weekly rollups, newest first',
      ['Week', 'Revision', ...FIGURES.map((f) => f.title), 'At risk', 'Open requests', 'Revisions'],
      rollups.map((r) => [
        r.week,
        r.revision,
        ...FIGURES.map((f) => formatFigure(figure(r, f.name), f.name === 'appealsRegistered' ? 'count' : 'rate')),
        r.atRisk.total,
        r.backlog.openRequests,
        r.revision > 1 ? compare(r) : 'First report',
      ]),
      new Set([1, 2, 3, 4, 5, 6, 7, 8]),
    ),
    downloads(path, 'weekly rollups'),
    revisions,
  ];
}
