import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

jest.setTimeout(180_000);

const WEEK = '2024-W10'; // Monday 4 to Sunday 10 March 2024
const PACK = `/api/v1/las/202/board-pack/${WEEK}`;

/** Cases of LA 202 in the 12 months to 10 March 2024, two teams, one request still undecided. */
function facts(): Array<Record<string, unknown>> {
  const data = (need: string, team: string) => ({
    requestSource: 'school',
    birthMonth: '2015-03',
    primaryNeed: need,
    team,
  });
  return [
    fact('BP-1', 'AssessmentRequested', '2023-06-05', data('ASD', 'North')),
    fact('BP-1', 'AssessmentDecisionMade', '2023-07-10', { decision: 'assess' }),
    fact('BP-1', 'PlanDecisionMade', '2023-09-11', { decision: 'issue' }),
    fact('BP-1', 'DraftPlanIssued', '2023-09-18'),
    fact('BP-1', 'FinalPlanIssued', '2023-10-16'),
    fact('BP-2', 'AssessmentRequested', '2023-09-04', data('SLCN', 'South')),
    fact('BP-2', 'AssessmentDecisionMade', '2023-11-27', { decision: 'assess' }),
    fact('BP-3', 'AssessmentRequested', '2024-01-08', data('SEMH', 'North')),
    fact('BP-4', 'AssessmentRequested', '2024-01-22', data('ASD', 'South')),
  ];
}

/** Until `check` holds (the projector works in the background, and /health answers from states kept in memory). */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not happen within a minute`);
}

describe('the weekly board pack', () => {
  let t: TestApp;
  let board: string;

  beforeAll(async () => {
    // No Chromium at this path: the PDF route must say so with a 501.
    t = await startTestApp({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    board = await t.token(['board'], ['202']);
    const posted = await t.inject('POST', '/api/v1/las/202/events', facts());
    expect(posted.json.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    // The last case of the batch has a clock once the projector has folded the batch.
    await eventually(
      async () => (await t.inject('GET', '/api/v1/las/202/cases/BP-4/clock')).status === 200,
      'the projection of the first facts',
    );
    expect((await t.inject('POST', `/api/v1/admin/rollups/publish?la=202&week=${WEEK}`)).status).toBe(200);
    // BP-3's decision is keyed in after the week was first reported: the week gets a second revision.
    await t.inject('POST', '/api/v1/las/202/events', [
      fact('BP-3', 'AssessmentDecisionMade', '2024-03-06', { decision: 'refuse' }),
    ]);
    // Publishing issues a revision only when the week's figures changed, so it issues one once the decision is folded.
    await eventually(
      async () =>
        (await t.inject('POST', `/api/v1/admin/rollups/publish?la=202&week=${WEEK}`)).json.issued.length === 1,
      'a second revision of the week',
    );
  });

  afterAll(async () => t?.close());

  it('gives the board the headline figures of the KPI API over the 12 months to the Sunday, month by month', async () => {
    const pack = await t.inject('GET', PACK, undefined, board);
    expect(pack.status).toBe(200);
    expect(pack.json).toMatchObject({ week: WEEK, weekStart: '2024-03-04', weekEnd: '2024-03-10', to: '2024-03-10' });
    expect(pack.json.la).toMatchObject({ code: '202', name: 'Camden' });
    const kpi = await t.inject(
      'GET',
      `/api/v1/las/202/kpis/six-week-decisions?from=${pack.json.from}&to=2024-03-10&groupBy=month`,
      undefined,
      board,
    );
    const six = pack.json.headlines.find((h: { measure: string }) => h.measure === 'decidedWithinSixWeeks');
    expect(six.figure).toEqual(kpi.json.total.figures.decidedWithinSixWeeks);
    expect(six.figure.denominator).toBe(3);
    expect(six.trend).toHaveLength(kpi.json.groups.length);
    expect(six.trend.map((p: { value: number | null }) => p.value)).toEqual(
      kpi.json.groups.map((g: any) => g.figures.decidedWithinSixWeeks.rate),
    );
  });

  it('sets the published comparators of the year beside the figures', async () => {
    const pack = (await t.inject('GET', PACK, undefined, board)).json;
    expect(pack.comparatorYear).toBe(2024);
    const published = (await t.inject('GET', '/api/v1/las/202/benchmarks?year=2024', undefined, board)).json;
    const twenty = published.measures.find((m: any) => m.measure === 'within-20-weeks-including-exceptions');
    const headline = pack.headlines.find((h: any) => h.measure === 'withinTwentyWeeksIncludingExceptions');
    expect(headline.comparator).toEqual({
      measure: 'within-20-weeks-including-exceptions',
      year: 2024,
      timePeriod: twenty.timePeriod,
      la: twenty.la.rate.value / 100,
      region: twenty.region.rate.value / 100,
      england: twenty.england.rate.value / 100,
    });
    expect(pack.headlines.find((h: any) => h.measure === 'heldOnTime').comparator).toBeNull();
  });

  it('counts the cases at risk by step and team without a case reference', async () => {
    const pack = await t.inject('GET', PACK, undefined, board);
    const atRisk = (await t.inject('GET', '/api/v1/las/202/at-risk?withinDays=14')).json;
    expect(pack.json.atRisk).toMatchObject({ overdue: atRisk.overdue, dueSoon: atRisk.dueSoon, withinDays: 14 });
    const south = async (status: string) =>
      (await t.inject('GET', `/api/v1/las/202/at-risk?withinDays=14&team=South&status=${status}`)).json.total;
    expect(pack.json.atRisk.byTeam.find((t: { key: string }) => t.key === 'South')).toEqual({
      key: 'South',
      overdue: await south('overdue'),
      dueSoon: await south('due-soon'),
    });
    const steps = pack.json.atRisk.byStep.reduce((n: number, s: any) => n + s.overdue + s.dueSoon, 0);
    expect(steps).toBe(atRisk.total);
    expect(atRisk.total).toBeGreaterThan(0);
    const html = await t.app.inject({
      method: 'GET',
      url: `${PACK}?format=html`,
      headers: { authorization: `Bearer ${board}` },
    });
    for (const text of [JSON.stringify(pack.json), html.body]) expect(text).not.toMatch(/BP-\d/);
  });

  it('lists the revisions since the week was first reported and what they changed', async () => {
    const { revisions } = (await t.inject('GET', PACK, undefined, board)).json;
    expect(revisions.revisions.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const decisions = revisions.changed.find(
      (c: any) => c.period === 'thisWeek' && c.figure === 'decisionsWithinSixWeeks',
    );
    expect(decisions.firstReported.denominator).toBe(0);
    expect(decisions.knownNow.denominator).toBe(1);
  });

  it('answers the printable page as HTML, with the figures and a text alternative for each trend', async () => {
    const html = await t.app.inject({
      method: 'GET',
      url: PACK,
      headers: { authorization: `Bearer ${board}`, accept: 'text/html' },
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toContain('<h1>Board pack: Camden (202), week 2024-W10</h1>');
    expect(html.body.match(/<svg class="bp-spark" role="img" aria-label="[^"]+"/g)).toHaveLength(7);
    expect(html.body).toContain('As first reported');
    expect(html.body).not.toContain('<script');
  });

  it('answers 501 problem+json for the PDF where Chromium is not installed', async () => {
    const pdf = await t.inject('GET', `${PACK}.pdf`, undefined, board);
    expect(pdf.status).toBe(501);
    expect(String(pdf.headers['content-type'])).toContain('application/problem+json');
    expect(pdf.json).toMatchObject({ status: 501, type: expect.stringContaining('pdf-renderer-unavailable') });
    expect(pdf.json.detail).toContain('/nonexistent/chromium');
  });

  it('refuses a bad or unfinished week with a 400 and an unknown LA with a 404', async () => {
    for (const week of ['2024-10', '2024-W54', '2023-W53', '1989-W10', 'x'.repeat(60), '2099-W01']) {
      for (const url of [`/api/v1/las/202/board-pack/${week}`, `/api/v1/las/202/board-pack/${week}.pdf`]) {
        const answer = await t.inject('GET', url, undefined, board);
        expect({ url, status: answer.status }).toEqual({ url, status: 400 });
        expect(String(answer.headers['content-type'])).toContain('application/problem+json');
      }
    }
    expect((await t.inject('GET', `${PACK}?format=pdf`, undefined, board)).status).toBe(400);
    const unknown = await t.inject('GET', `/api/v1/las/999/board-pack/${WEEK}`);
    expect(unknown.status).toBe(404);
    expect((await t.inject('GET', `/api/v1/las/999/board-pack/${WEEK}.pdf`)).status).toBe(404);
  });
});
