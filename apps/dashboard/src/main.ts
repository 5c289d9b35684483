import './styles.css';
import { ensureSignedIn } from './auth/oidc.js';
import { renderNav } from './nav.js';
import { route } from './router.js';
import { replace } from './ui/dom.js';
import { errorSummary } from './ui/table.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
const app = document.getElementById('app')!;
const nav = document.getElementById('nav')!;

async function start(): Promise<void> {
  if (!(await ensureSignedIn())) return;
  const show = () => void route(app);
  renderNav(nav, show);
  window.addEventListener('hashchange', show);
  show();
}

start().catch((error: unknown) => {
  replace(app, errorSummary(`Sign-in failed: ${error instanceof Error ? error.message : String(error)}`));
});
