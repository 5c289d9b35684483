import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays } from '#calendar';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

/** The at-risk worklist through the service: facts posted over HTTP, read back filtered, counted and paged. */
describe('the at-risk worklist over HTTP', () => {
  let t: TestApp;
  const today = new Date().toISOString().slice(0, 10);
  const daysAgo = (n: number) => addDays(today, -n);
  const url = '/api/v1/las/202/at-risk';

  beforeAll(async () => {
    t = await startTestApp();
    const posted = await t.inject('POST', '/api/v1/las/202/events', [
      // Decide whether to assess: due in 12 days (6 weeks from a request 30 days ago).
      fact('AR-SOON', 'AssessmentRequested', daysAgo(30), {
        requestSource: 'school',
        primaryNeed: 'ASD',
        team: 'north',
      }),
      // Long overdue, never decided.
      fact('AR-LATE', 'AssessmentRequested', daysAgo(400), {
        requestSource: 'health',
        primaryNeed: 'SEMH',
        team: 'south',
      }),
      // A plan transferred in 10 days ago: the family to be told within 6 weeks (reg 15(4)).
      fact('AR-MOVED', 'PlanTransferredIn', daysAgo(10), { fromLa: '201' }),
      // A plan ceased (needs met) 20 days ago: only its appeal window, open for about 2 months.
      fact('AR-CEASED', 'AssessmentRequested', daysAgo(900), { requestSource: 'school', team: 'north' }),
      fact('AR-CEASED', 'AssessmentDecisionMade', daysAgo(880), { decision: 'assess' }),
      fact('AR-CEASED', 'FinalPlanIssued', daysAgo(800)),
      fact('AR-CEASED', 'PlanCeased', daysAgo(20), { reason: 2 }),
      // A plan ceased a year ago, with an annual review it never had: nothing left to act on.
      fact('AR-GONE', 'AssessmentRequested', daysAgo(1000), { requestSource: 'school', team: 'north' }),
      fact('AR-GONE', 'AssessmentDecisionMade', daysAgo(980), { decision: 'assess' }),
      fact('AR-GONE', 'FinalPlanIssued', daysAgo(900)),
      fact('AR-GONE', 'PlanCeased', daysAgo(365), { reason: 2 }),
    ]);
    expect(posted.json.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const answer = await t.inject('GET', `${url}?withinDays=90`);
      if (answer.status === 200 && answer.json.total >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists open obligations with their next action; a ceased plan only by its open appeal window', async () => {
    const { status, json } = await t.inject('GET', `${url}?withinDays=90`);
    expect(status).toBe(200);
    const byCase = Object.fromEntries(
      json.items.map((i: any) => [`${i.caseId}${i.ref === 'plan-0/transfer' ? '/notice' : ''}`, i]),
    );
    expect(Object.keys(byCase).sort()).toEqual(['AR-CEASED', 'AR-LATE', 'AR-MOVED', 'AR-MOVED/notice', 'AR-SOON']);
    expect(byCase['AR-SOON']).toMatchObject({ step: 'assessment-decision', status: 'due-soon', daysLeft: 12 });
    expect(byCase['AR-SOON'].action).toMatch(/^Decide whether to assess \(due \d{1,2} [A-Z][a-z]{2} \d{4}\)$/);
    expect(byCase['AR-LATE']).toMatchObject({ step: 'assessment-decision', status: 'overdue' });
    expect(byCase['AR-MOVED/notice']).toMatchObject({
      step: 'transfer-notification',
      deadline: addDays(daysAgo(10), 42),
    });
    // The first review of a plan transferred in with no last review date: 3 months from the transfer (reg 15(5)).
    expect(byCase['AR-MOVED']).toMatchObject({ step: 'annual-review', status: 'due-soon' });
    expect(byCase['AR-CEASED']).toMatchObject({ step: 'appeal-window', stage: 'ceased', status: 'due-soon' });
    expect(json).toMatchObject({ total: 5, overdue: 1, dueSoon: 4, limit: 100, nextCursor: null });
    expect(json.byTeam).toEqual({ '(none)': 2, north: 2, south: 1 });
    expect(json.byStep).toEqual({
      'annual-review': 1,
      'appeal-window': 1,
      'assessment-decision': 2,
      'transfer-notification': 1,
    });
  });

  it('filters and counts the filtered list, and pages through it by cursor', async () => {
    const north = (await t.inject('GET', `${url}?withinDays=90&team=north&limit=1`)).json;
    expect(north).toMatchObject({ total: 2, byTeam: { north: 2 } });
    expect(north.items).toHaveLength(1);
    const next = (await t.inject('GET', `${url}?withinDays=90&team=north&limit=1&cursor=${north.nextCursor}`)).json;
    expect(next.nextCursor).toBeNull();
    expect([north.items[0].caseId, next.items[0].caseId].sort()).toEqual(['AR-CEASED', 'AR-SOON']);
    const overdue = (await t.inject('GET', `${url}?withinDays=90&status=overdue&step=assessment-decision`)).json;
    expect(overdue.items.map((i: any) => i.caseId)).toEqual(['AR-LATE']);
    expect((await t.inject('GET', `${url}?withinDays=90&stage=ceased,transferred-out`)).json.byStep).toEqual({
      'appeal-window': 1,
    });
  });

  it('audits the case references of the page it returned', async () => {
    const page = (await t.inject('GET', `${url}?withinDays=90&status=due-soon&limit=2`)).json;
    const returned = [...new Set(page.items.map((i: any) => i.caseId as string))].sort();
    const audit = (await t.inject('GET', '/api/v1/admin/audit?limit=1000')).json as Array<{
      route: string;
      caseIds: string[];
    }>;
    const latest = audit.find((r) => r.route === '/api/v1/las/:la/at-risk');
    expect([...latest!.caseIds].sort()).toEqual(returned);
    expect(returned.length).toBeGreaterThan(0);
  });

  it('answers a bad filter with a problem naming the parameter', async () => {
    for (const [query, name] of [
      ['step=lunch', 'step'],
      ['status=late', 'status'],
      ['primaryNeed=XYZ', 'primaryNeed'],
      ['stage=gone', 'stage'],
      ['limit=1000', 'limit'],
      ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ]) {
      const answer = await t.inject('GET', `${url}?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(answer.json)).toContain(name);
    }
  });
});
