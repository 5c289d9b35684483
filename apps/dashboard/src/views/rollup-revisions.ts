import { getJson } from '../api.js';
import { formatFigure } from '../kpis.js';
import type { Figure, WeeklyRollup } from '../types.js';
import { h, replace } from '../ui/dom.js';
import { table } from '../ui/table.js';

/** One week "as first reported" (revision 1) beside "as known now" (its latest revision), figure by figure. */
export async function showRevisions(target: HTMLElement, weeklyPath: string, week: string): Promise<void> {
  replace(target, h('p', { class: 'govuk-body' }, `Loading the revisions of ${week}…`));
  try {
    const { rollups } = await getJson<{ rollups: readonly WeeklyRollup[] }>(
      `${weeklyPath.split('?')[0]}?week=${encodeURIComponent(week)}&revisions=all`,
    );
    const first = rollups[0];
    const now = rollups[rollups.length - 1];
    if (first === undefined || now === undefined) return replace(target);
    // A figure the week does not have (the weekly DfE 2024 appeal rate is null) is left out.
    const names = Object.keys(first.thisWeek).filter(
      (name) => typeof first.thisWeek[name] === 'object' && first.thisWeek[name] !== null,
    );
    const cell = (r: WeeklyRollup, name: string) => {
      const figure = r.thisWeek[name] as Figure | null;
      if (figure === null) return '–';
      return formatFigure(figure, figure.denominator === null ? 'count' : 'rate');
    };
    replace(
      target,
      h(
        'h2',
        { class: 'govuk-heading-m', tabindex: '-1', id: 'revisions-heading' },
        `${week}: as first reported and as known now`,
      ),
      table(
        `${week}, revision 1 (${first.computedAt}) and revision ${now.revision} (${now.computedAt})`,
        ['Figure', 'As first reported', 'As known now'],
        names.map((name) => [name, cell(first, name), cell(now, name)]),
        new Set([1, 2]),
      ),
    );
    target.querySelector<HTMLElement>('#revisions-heading')?.focus();
  } catch (error) {
    replace(target, h('p', { class: 'govuk-body' }, error instanceof Error ? error.message : String(error)));
  }
}
