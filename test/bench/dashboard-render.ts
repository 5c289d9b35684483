/**
 * Time to first render of the dashboard's overview, a KPI page and the board pack, in Chromium, against a running
 * service: from navigation until every figure of the page is drawn. Five runs each; prints the median. With
 * `--screenshots DIR`, the last run of each page is saved there as a PNG (the README's pictures).
 *
 *   npm run bench:dashboard -- --url http://localhost:3000 --la 202 [--screenshots docs/screenshots]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../browser/support/browser.js';
import { signIn } from '../browser/support/sign-in.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    la: { type: 'string', default: '202' },
    screenshots: { type: 'string' },
  },
});
const RUNS = 5;

const pages = [
  { name: 'overview', file: 'overview', hash: '', ready: '.app-headline >> nth=6', chart: '.app-chart svg' },
  {
    name: 'kpi twenty-week-timeliness',
    file: 'kpi',
    hash: '#/kpi/twenty-week-timeliness',
    ready: '.govuk-table >> nth=1',
    chart: '.app-chart svg',
  },
  { name: 'board pack', file: 'board-pack', hash: '#/board-pack', ready: '#board-pack', chart: 'svg.bp-spark' },
];

const browser = await launchChromium();
try {
  for (const { name, file, hash, ready, chart } of pages) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, values.url, process.env.DATA_DIR ?? './data', [values.la]);
      const started = performance.now();
      await page.goto(`${values.url}/${hash}`);
      await page.locator(ready).waitFor({ timeout: 120_000 });
      await page.locator(chart).first().waitFor();
      times.push(performance.now() - started);
      if (values.screenshots !== undefined && run === RUNS - 1) {
        mkdirSync(values.screenshots, { recursive: true });
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.waitForTimeout(500);
        await page.screenshot({ path: join(values.screenshots, `${file}.png`), fullPage: true });
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    console.log(`${name}: median ${Math.round(median)} ms (runs ${times.map((t) => Math.round(t)).join(', ')} ms)`);
  }
} finally {
  await browser.close();
}
