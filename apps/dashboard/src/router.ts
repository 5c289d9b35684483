import { KPI_PAGES } from './kpis.js';
import { currentLa } from './la.js';
import { h, replace } from './ui/dom.js';
import { errorSummary } from './ui/table.js';
import { atRiskPage } from './views/at-risk.js';
import { boardPackPage } from './views/board-pack.js';
import { casePage } from './views/case.js';
import { kpiPage } from './views/kpi.js';
import { overview } from './views/overview.js';
import { rollupsPage } from './views/rollups.js';

/** Hash routes, so that the service serves one page and the sign-in redirect URI stays `/`. */
async function view(path: string, params: URLSearchParams): Promise<{ title: string; content: HTMLElement[] }> {
  const la = currentLa();
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { title: 'Overview', content: await overview(la) };
  if (parts[0] === 'kpi' && parts[1] !== undefined) {
    const title = KPI_PAGES.find((p) => p.kpi === parts[1])?.title ?? 'KPI';
    return { title, content: await kpiPage(la, parts[1], params.get('breakdown') ?? 'primaryNeed') };
  }
  if (parts[0] === 'at-risk') return { title: 'Cases at risk', content: await atRiskPage(la, params) };
  if (parts[0] === 'cases' && parts[1] !== undefined) {
    const caseId = decodeURIComponent(parts[1]);
    return { title: `Case ${caseId}`, content: await casePage(la, caseId) };
  }
  if (parts[0] === 'rollups') return { title: 'Weekly rollups', content: await rollupsPage(la) };
  if (parts[0] === 'board-pack') return { title: 'Board pack', content: await boardPackPage(la, parts[1]) };
  // A board pack's own address, `#/las/{la}/board-pack/{week}`, names its LA: a link to it opens that LA's pack.
  if (parts[0] === 'las' && parts[1] !== undefined && parts[2] === 'board-pack') {
    return { title: 'Board pack', content: await boardPackPage(parts[1], parts[3]) };
  }
  return { title: 'Page not found', content: [h('h1', { class: 'govuk-heading-l' }, 'Page not found')] };
}

export async function route(target: HTMLElement): Promise<void> {
  const [path = '/', query = ''] = location.hash.replace(/^#/, '').split('?');
  target.setAttribute('aria-busy', 'true');
  try {
    const { title, content } = await view(path, new URLSearchParams(query));
    document.title = `${title} – EHCP Pathway Monitor`;
    replace(target, ...kpiLinks(path), ...content);
  } catch (error) {
    document.title = 'Error – EHCP Pathway Monitor';
    replace(target, errorSummary(error instanceof Error ? error.message : String(error)));
  } finally {
    target.removeAttribute('aria-busy');
  }
}

function kpiLinks(path: string): HTMLElement[] {
  if (!path.startsWith('/kpi')) return [];
  return [
    h(
      'nav',
      { 'aria-label': 'KPIs' },
      h(
        'ul',
        { class: 'govuk-list', style: 'display:flex;flex-wrap:wrap;gap:0 1.5rem' },
        ...KPI_PAGES.map((p) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                class: 'govuk-link',
                href: `#/kpi/${p.kpi}`,
                'aria-current': path === `/kpi/${p.kpi}` ? 'page' : undefined,
              },
              p.title,
            ),
          ),
        ),
      ),
    ),
  ];
}
