import { isoWeek } from '../../../../libs/calendar/src/iso-week.js';
import { downloadFile, getText } from '../api.js';
import { laPath } from '../la.js';
import { h } from '../ui/dom.js';

const WEEK = /^\d{4}-W\d{2}$/;

/** The week just ended (the newest whose Sunday has passed). */
export function lastCompleteWeek(today = new Date()): string {
  return isoWeek(new Date(today.getTime() - 7 * 86_400_000).toISOString().slice(0, 10)).key;
}

/**
 * The weekly board pack: the service's own printable page (the same HTML it prints to PDF), shown in the
 * dashboard, with a week picker and a PDF download.
 */
export async function boardPackPage(la: string, requested: string | undefined): Promise<HTMLElement[]> {
  const week = requested !== undefined && WEEK.test(requested) ? requested : lastCompleteWeek();
  const path = `${laPath(la)}/board-pack/${week}`;
  const html = await getText(`${path}?format=html`, 'text/html');
  const printed = new DOMParser().parseFromString(html, 'text/html');
  const pack = printed.querySelector('main.bp');
  const style = printed.querySelector('style');
  if (pack === null) throw new Error('the service answered no board pack');
  if (style !== null && document.getElementById('board-pack-style') === null) {
    document.head.append(h('style', { id: 'board-pack-style' }, style.textContent ?? ''));
  }
  // The page already has its <main>: the pack's content goes in a division with the same class and data.
  const content = h('div', { class: 'bp', id: 'board-pack', 'data-week': week, 'data-la': la });
  content.append(...Array.from(pack.childNodes, (node) => document.importNode(node, true)));

  const picker = h('input', {
    class: 'govuk-input govuk-input--width-10',
    id: 'week',
    name: 'week',
    value: week,
    pattern: '[0-9]{4}-W[0-9]{2}',
    'aria-describedby': 'week-hint',
  });
  const form = h(
    'form',
    { class: 'app-filters app-no-print', novalidate: true },
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: 'week' }, 'Week'),
      h('div', { class: 'govuk-hint', id: 'week-hint' }, 'An ISO week that has ended, for example 2024-W10'),
      picker,
    ),
    h('button', { type: 'submit', class: 'govuk-button' }, 'Show week'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/las/${la}/board-pack/${picker.value.trim()}`;
  });
  const status = h('span', { class: 'govuk-body-s', role: 'status' });
  const pdf = h(
    'button',
    { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-format': 'pdf' },
    'Download PDF',
  );
  pdf.addEventListener('click', () => {
    status.textContent = 'Preparing the PDF…';
    downloadFile(`${path}.pdf`, `board-pack-${la}-${week}.pdf`).then(
      () => (status.textContent = 'PDF download started'),
      (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
    );
  });
  return [content, h('div', { class: 'govuk-button-group app-no-print' }, pdf, status), form];
}
