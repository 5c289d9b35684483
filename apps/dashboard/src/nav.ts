import { accessToken, forgetAccessToken, tokenLas } from './auth/token.js';
import { chooseLa, currentLa } from './la.js';
import { h, replace } from './ui/dom.js';

const SECTIONS: ReadonlyArray<{ readonly href: string; readonly label: string }> = [
  { href: '#/', label: 'Overview' },
  { href: '#/kpi/twenty-week-timeliness', label: 'KPIs' },
  { href: '#/at-risk', label: 'Cases at risk' },
  { href: '#/rollups', label: 'Weekly rollups' },
  { href: '#/board-pack', label: 'Board pack' },
];

/** The section links, the LA picker (the token's LAs, or any code) and sign-out. */
export function renderNav(target: HTMLElement, onLaChange: () => void): void {
  const las = tokenLas(accessToken());
  const la = currentLa();
  const picker =
    las.length > 0
      ? h(
          'select',
          { class: 'govuk-select', id: 'la', name: 'la' },
          ...las.map((code) => h('option', { value: code, selected: code === la }, code)),
        )
      : h('input', {
          class: 'govuk-input govuk-input--width-3',
          id: 'la',
          name: 'la',
          inputmode: 'numeric',
          pattern: '[0-9]{3}',
          value: la,
        });
  picker.addEventListener('change', () => {
    if (/^\d{3}$/.test(picker.value)) {
      chooseLa(picker.value);
      onLaChange();
    }
  });
  const signOut = h('button', { type: 'button', class: 'govuk-button govuk-button--secondary' }, 'Sign out');
  signOut.addEventListener('click', () => {
    forgetAccessToken();
    location.assign('/');
  });
  replace(
    target,
    h(
      'ul',
      { class: 'govuk-list app-nav__links', style: 'display:flex;gap:1.5rem;margin:0' },
      ...SECTIONS.map((s) => h('li', {}, h('a', { class: 'govuk-link', href: s.href }, s.label))),
    ),
    h(
      'div',
      { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label', for: 'la' }, 'Local authority (DfE code)'),
      picker,
    ),
    accessToken() === null ? null : signOut,
  );
}
