import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { fact, startTestApp, type TestApp } from '../e2e/support/test-app.js';
import { launchChromium, RESULTS_DIR, screenshot, seriousViolations } from './support/browser.js';
import { signIn } from './support/sign-in.js';
import { freePort } from '../bench/service.js';

jest.setTimeout(180_000);

/** A day counted from 330 days ago, so that every fact falls in the dashboard's last 24 months. */
function on(day: number): string {
  return new Date(Date.now() + (day - 330) * 86_400_000).toISOString().slice(0, 10);
}

/** A few cases of LA 202 within the last 24 months: decided, planned (one late), refused, and one open request. */
function facts(): Array<Record<string, unknown>> {
  const data = (need: string, team: string) => ({
    requestSource: 'school',
    birthMonth: '2015-03',
    primaryNeed: need,
    team,
  });
  return [
    fact('BR-1', 'AssessmentRequested', on(0), data('ASD', 'North')),
    fact('BR-1', 'AssessmentDecisionMade', on(35), { decision: 'assess' }),
    fact('BR-1', 'PlanDecisionMade', on(98), { decision: 'issue' }),
    fact('BR-1', 'DraftPlanIssued', on(105)),
    fact('BR-1', 'FinalPlanIssued', on(133)),
    fact('BR-2', 'AssessmentRequested', on(28), data('SLCN', 'South')),
    fact('BR-2', 'AssessmentDecisionMade', on(84), { decision: 'assess' }),
    fact('BR-2', 'PlanDecisionMade', on(147), { decision: 'issue' }),
    fact('BR-2', 'DraftPlanIssued', on(154)),
    fact('BR-2', 'FinalPlanIssued', on(210)),
    fact('BR-3', 'AssessmentRequested', on(56), data('SEMH', 'North')),
    fact('BR-3', 'AssessmentDecisionMade', on(91), { decision: 'refuse' }),
    fact('BR-4', 'AssessmentRequested', on(301), data('ASD', 'South')),
  ];
}

describe('the dashboard in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;

  const api = async (path: string) => (await t.inject('GET', path)).json;

  async function open(hash: string, heading: RegExp): Promise<void> {
    await page.goto(`${base}/${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('#app[aria-busy]').waitFor({ state: 'detached' });
  }

  async function expectAccessible(name: string): Promise<void> {
    await page.waitForTimeout(300);
    await screenshot(page, name);
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build:dashboard'], { stdio: 'ignore' });
    browser = await launchChromium();
    const port = await freePort();
    t = await startTestApp({ env: { PUBLIC_URL: `http://127.0.0.1:${port}` } });
    base = await t.listen(port);
    const posted = await t.inject('POST', '/api/v1/las/202/events', facts());
    expect(posted.json.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const clock = await t.inject('GET', '/api/v1/las/202/cases/BR-4/clock');
      if (clock.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await t.inject('POST', '/api/v1/admin/rollups/publish?la=202');
    // A decision keyed in after its week was first reported: the week gets a second revision.
    const lastWeek = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
    await t.inject('POST', '/api/v1/las/202/events', [
      fact('BR-4', 'AssessmentDecisionMade', lastWeek, { decision: 'assess' }),
    ]);
    // Publishing issues a revision only when a week's figures changed: it does once the decision is folded.
    let issued = 0;
    for (const until = Date.now() + 60_000; Date.now() < until && issued === 0;) {
      issued = (await t.inject('POST', '/api/v1/admin/rollups/publish?la=202')).json.issued.length;
      if (issued === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(issued).toBeGreaterThan(0);
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(page, base, t.dataDir);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the LA overview with every headline and a table for each chart', async () => {
    await open('', /LA 202 overview/);
    await page.locator('.app-chart svg').first().waitFor();
    expect(await page.locator('.app-headline').count()).toBe(7);
    expect(await page.locator('.app-chart[role="img"][aria-label]').count()).toBe(7);
    // Beside each headline with a published counterpart: the LA's own published figure, its region's and England's.
    const published = await api('/api/v1/las/202/benchmarks');
    const twenty = published.measures.find((m: any) => m.measure === 'within-20-weeks-including-exceptions');
    const card = page.locator('[data-comparator-measure="within-20-weeks-including-exceptions"]');
    await expect(card.locator('[data-comparator="england"]').textContent()).resolves.toBe(
      `${twenty.england.rate.value.toFixed(1)}%`,
    );
    await expect(card.textContent()).resolves.toContain(`Published by the DfE for ${published.year}`);
    await expect(card.textContent()).resolves.toContain('Camden (published)');
    expect(await page.locator('[data-comparator-measure]').count()).toBe(6);
    await expectAccessible('overview');
  });

  it('shows the 20-week figure the API gives for the same period, and downloads it as CSV', async () => {
    await open('#/kpi/twenty-week-timeliness', /New plans within 20 weeks/);
    const href = page.url();
    expect(href).toContain('#/kpi/twenty-week-timeliness');
    const today = new Date();
    const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 23, 1)).toISOString().slice(0, 10);
    const to = today.toISOString().slice(0, 10);
    const json = await api(`/api/v1/las/202/kpis/twenty-week-timeliness?from=${from}&to=${to}&groupBy=month`);
    const figure = json.total.figures.withinTwentyWeeksIncludingExceptions;
    expect(figure.denominator).toBe(2);
    const shown = await page.locator('[data-total="withinTwentyWeeksIncludingExceptions"]').textContent();
    expect(shown).toBe(`${(figure.rate * 100).toFixed(1)}% (${figure.numerator} of ${figure.denominator})`);
    await expectAccessible('kpi-twenty-week-timeliness');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-format="csv"]').first().click(),
    ]);
    const records = parse<Record<string, string>>(readFileSync(await download.path()), { bom: true, columns: true });
    const total = records.find((r) => r['period'] === 'total')!;
    expect(Number(total['withinTwentyWeeksIncludingExceptions_numerator'])).toBe(figure.numerator);
    expect(Number(total['newPlansIssued_numerator'])).toBe(json.total.figures.newPlansIssued.numerator);
  });

  it('breaks a KPI down by team', async () => {
    await open('#/kpi/six-week-decisions?breakdown=team', /Decisions within 6 weeks/);
    await expect(
      page
        .getByRole('cell', { name: 'North' })
        .or(page.getByRole('rowheader', { name: 'North' }))
        .count(),
    ).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show cases for North' }).click();
    await page.locator('.app-case-list').waitFor();
    const listed = await page.locator('.app-case-list a').allTextContents();
    expect(listed.sort()).toEqual(['BR-1', 'BR-3']);
    await expectAccessible('kpi-six-week-decisions-by-team');
  });

  it('filters the at-risk worklist on the server and opens a case with its clock', async () => {
    await open('#/at-risk?withinDays=366', /Cases at risk/);
    const atRisk = await api('/api/v1/las/202/at-risk?withinDays=366');
    const rows = () => page.locator('table').nth(1).locator('tbody tr');
    expect(await rows().count()).toBe(Math.min(atRisk.total, 50));
    await expect(rows().first().textContent()).resolves.toContain(atRisk.items[0].action);
    await page.selectOption('#team', 'South');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/team=South/);
    const south = await api('/api/v1/las/202/at-risk?withinDays=366&team=South');
    expect(south.total).toBeLessThan(atRisk.total);
    await page.locator('#at-risk-counts', { hasText: `Showing ${south.total}.` }).waitFor();
    expect(await rows().count()).toBe(south.items.length);
    await expectAccessible('at-risk');

    await page.getByRole('link', { name: 'BR-4' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case BR-4' }).waitFor();
    const clock = await api('/api/v1/las/202/cases/BR-4/clock');
    await expect(page.locator('#case-clock').textContent()).resolves.toContain(clock.nextDeadline.due);
    await expectAccessible('case');
  });

  it('shows the board pack with the figures of the API, and prints it to PDF', async () => {
    await open('#/board-pack', /Board pack: Camden \(202\), week \d{4}-W\d{2}/);
    const week = await page.locator('#board-pack').getAttribute('data-week');
    const pack = await api(`/api/v1/las/202/board-pack/${week}`);
    const twenty = pack.headlines.find((h: any) => h.measure === 'withinTwentyWeeksIncludingExceptions');
    const shown = await page.locator('[data-figure="withinTwentyWeeksIncludingExceptions"]').textContent();
    expect(shown).toBe(
      `${(twenty.figure.rate * 100).toFixed(1)}% (${twenty.figure.numerator} of ${twenty.figure.denominator})`,
    );
    await expect(page.locator('[data-at-risk="overdue"]').textContent()).resolves.toBe(String(pack.atRisk.overdue));
    expect(await page.locator('svg.bp-spark[role="img"][aria-label]').count()).toBe(7);
    await expectAccessible('board-pack');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-format="pdf"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`board-pack-202-${week}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeLessThanOrEqual(4);
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'board-pack.pdf'), pdf);
  });

  it('shows the weekly rollups', async () => {
    await open('#/rollups', /Weekly rollups/);
    await page.locator('button.app-compare').first().click();
    await page.getByRole('heading', { name: /as first reported and as known now/ }).waitFor();
    await expectAccessible('rollups');
  });
});
