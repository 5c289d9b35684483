import { getJson } from '../api.js';
import { laPath } from '../la.js';
import { h } from '../ui/dom.js';
import { table } from '../ui/table.js';
import { timeline } from '../ui/timeline.js';

interface CaseHistory {
  readonly events: ReadonlyArray<{
    readonly eventId: string;
    readonly type: string;
    readonly occurredOn: string;
    readonly recordedAt?: string;
    readonly source?: string;
    readonly data?: Record<string, unknown>;
  }>;
}

interface CaseClock {
  readonly stage: string;
  readonly nextDeadline: { readonly step: string; readonly due: string } | null;
  readonly pending: ReadonlyArray<{ readonly step: string; readonly due: string }>;
  readonly flags: ReadonlyArray<{ readonly code?: string; readonly message?: string }>;
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

/** A case: its stored facts (corrections and retractions included) and its statutory clock. */
export async function casePage(la: string, caseId: string): Promise<HTMLElement[]> {
  const base = `${laPath(la)}/cases/${encodeURIComponent(caseId)}`;
  const [history, clock] = await Promise.all([
    getJson<CaseHistory>(`${base}/events`),
    getJson<CaseClock>(`${base}/clock`),
  ]);
  return [
    h('h1', { class: 'govuk-heading-xl' }, `Case ${caseId}`),
    h(
      'dl',
      { class: 'govuk-summary-list', id: 'case-clock' },
      row('Stage', clock.stage),
      row(
        'Next deadline',
        clock.nextDeadline === null ? 'None' : `${clock.nextDeadline.step} by ${clock.nextDeadline.due}`,
      ),
      row('Team', clock.team ?? '–'),
      row('Primary need', clock.primaryNeed ?? '–'),
      row('Flags', clock.flags.map((f) => f.code ?? f.message ?? '').join(', ') || 'None'),
    ),
    h('h2', { class: 'govuk-heading-l' }, 'Timeline'),
    timeline(
      history.events.map((e) => ({ date: e.occurredOn, label: e.type })),
      clock.pending.map((p) => ({ date: p.due, label: p.step })),
    ),
    table(
      'Pending statutory deadlines',
      ['Step', 'Due'],
      clock.pending.map((p) => [p.step, p.due]),
    ),
    table(
      'Recorded facts, in the order recorded',
      ['Fact', 'Occurred on', 'Recorded at', 'Source', 'Details'],
      history.events.map((e) => [
        e.type,
        e.occurredOn,
        e.recordedAt ?? '–',
        e.source ?? '–',
        JSON.stringify(e.data ?? {}),
      ]),
    ),
  ];
}

function row(key: string, value: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-summary-list__row' },
    h('dt', { class: 'govuk-summary-list__key' }, key),
    h('dd', { class: 'govuk-summary-list__value' }, value),
  );
}
