/**
 * Time to first render of the dashboard's overview and of a KPI page, in Chromium, against a running service:
 * from navigation until every figure of the page is drawn. Five runs each; prints the median.
 *
 *   npm run bench:dashboard -- --url http://localhost:3000 --la 202
 */
import { parseArgs } from 'node:util';
import { launchChromium } from '../browser/support/browser.js';
import { signIn } from '../browser/support/sign-in.js';

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'http://localhost:3000' }, la: { type: 'string', default: '202' } },
});
const RUNS = 5;

const pages = [
  { name: 'overview', hash: '', ready: '.app-headline >> nth=6' },
  { name: 'kpi twenty-week-timeliness', hash: '#/kpi/twenty-week-timeliness', ready: '.govuk-table >> nth=1' },
];

const browser = await launchChromium();
try {
  for (const { name, hash, ready } of pages) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, values.url, process.env.DATA_DIR ?? './data', [values.la]);
      const started = performance.now();
      await page.goto(`${values.url}/${hash}`);
      await page.locator(ready).waitFor({ timeout: 120_000 });
      await page.locator('.app-chart svg').first().waitFor();
      times.push(performance.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    console.log(`${name}: median ${Math.round(median)} ms (runs ${times.map((t) => Math.round(t)).join(', ')} ms)`);
  }
} finally {
  await browser.close();
}
