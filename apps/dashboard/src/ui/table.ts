import { download } from '../api.js';
import { h } from './dom.js';

type CellValue = string | number | Node;

/** A GOV.UK table with a caption; numeric columns are right-aligned. */
export function table(
  caption: string,
  head: readonly string[],
  rows: ReadonlyArray<readonly CellValue[]>,
  numeric: ReadonlySet<number> = new Set(),
): HTMLElement {
  const headRow = h(
    'tr',
    { class: 'govuk-table__row' },
    ...head.map((name, i) =>
      h(
        'th',
        { scope: 'col', class: `govuk-table__header${numeric.has(i) ? ' govuk-table__header--numeric' : ''}` },
        name,
      ),
    ),
  );
  const body = rows.map((row) =>
    h(
      'tr',
      { class: 'govuk-table__row' },
      ...row.map((cell, i) =>
        i === 0
          ? h('th', { scope: 'row', class: 'govuk-table__header' }, cell)
          : h('td', { class: `govuk-table__cell${numeric.has(i) ? ' govuk-table__cell--numeric' : ''}` }, cell),
      ),
    ),
  );
  return h(
    'div',
    { class: 'app-table-scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'govuk-table' },
      h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, caption),
      h('thead', { class: 'govuk-table__head' }, headRow),
      h('tbody', { class: 'govuk-table__body' }, ...body),
    ),
  );
}

/** CSV and Excel download buttons for the API route a table shows. */
export function downloads(apiPath: string, what: string): HTMLElement {
  const status = h('span', { class: 'govuk-body-s', role: 'status' });
  const button = (format: 'csv' | 'xlsx', label: string) => {
    const b = h(
      'button',
      { type: 'button', class: 'govuk-button govuk-button--secondary app-download', 'data-format': format },
      label,
      h('span', { class: 'govuk-visually-hidden' }, ` of ${what}`),
    );
    b.addEventListener('click', () => {
      status.textContent = '';
      download(apiPath, format).then(
        () => (status.textContent = `${label} started`),
        (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
      );
    });
    return b;
  };
  return h(
    'div',
    { class: 'govuk-button-group' },
    button('csv', 'Download CSV'),
    button('xlsx', 'Download Excel'),
    status,
  );
}

export function errorSummary(message: string): HTMLElement {
  return h(
    'div',
    { class: 'govuk-error-summary', role: 'alert', tabindex: '-1' },
    h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
    h('div', { class: 'govuk-error-summary__body' }, h('p', { class: 'govuk-body' }, message)),
  );
}
