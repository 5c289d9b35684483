import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { fact, startTestApp, type TestApp } from './support/test-app.js';
import { eventually } from './support/eventually.js';

jest.setTimeout(180_000);

describe('erasing a case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => t?.close());

  it('removes its facts, clock and KPI contributions, refuses a replay, and leaves who and why in the audit', async () => {
    const facts = [
      fact('ERASE-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' }),
      fact('ERASE-1', 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
    ];
    const kept = [
      fact('KEEP-1', 'AssessmentRequested', '2024-01-09', { requestSource: 'school' }),
      fact('KEEP-1', 'AssessmentDecisionMade', '2024-02-13', { decision: 'assess' }),
    ];
    expect((await t.inject('POST', '/api/v1/las/202/events', [...facts, ...kept])).status).toBe(200);
    const kpi = '/api/v1/las/202/kpis/six-week-decisions?from=2024-01-01&to=2024-12-31&groupBy=year&includeCases=true';
    const decided = (json: any) =>
      json?.total?.figures?.decidedWithinSixWeeks?.cases?.denominator ?? json?.total?.figures;
    const before = await eventually(
      () => t.inject('GET', kpi),
      (a) => JSON.stringify(a.json).includes('ERASE-1') && JSON.stringify(a.json).includes('KEEP-1'),
    );
    expect(JSON.stringify(before.json)).toContain('ERASE-1');
    expect(decided(before.json)).toBeDefined();

    const refused = await t.inject('POST', '/api/v1/admin/las/202/cases/ERASE-1/erase', {});
    expect(refused.status).toBe(400);
    const erased = await t.inject('POST', '/api/v1/admin/las/202/cases/ERASE-1/erase', {
      reason: 'Court order 2026/123',
    });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ eventsErased: 2 });
    expect(erased.json.readModelRowsErased).toBeGreaterThan(0);

    expect((await t.inject('GET', '/api/v1/las/202/cases/ERASE-1/clock')).status).toBe(404);
    expect((await t.inject('GET', '/api/v1/las/202/cases/ERASE-1/events')).json.events).toEqual([]);
    const after = await t.inject('GET', kpi);
    expect(JSON.stringify(after.json)).not.toContain('ERASE-1');
    expect(JSON.stringify(after.json)).toContain('KEEP-1');

    const replay = await t.inject('POST', '/api/v1/las/202/events', facts);
    expect(replay.status).toBe(200);
    expect(replay.json.map((r: { status: string; code?: string }) => `${r.status}:${r.code}`)).toEqual([
      'rejected:case-erased',
      'rejected:case-erased',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await t.inject('GET', '/api/v1/las/202/cases/ERASE-1/clock')).status).toBe(404);

    const audit = await t.inject('GET', '/api/v1/admin/audit?caseId=ERASE-1');
    const erasure = audit.json.find(
      (r: { route: string; status: number }) =>
        r.route === '/api/v1/admin/las/:la/cases/:caseId/erase' && r.status === 200,
    );
    expect(erasure).toMatchObject({
      detail: 'erased: Court order 2026/123',
      la: '202',
      roles: ['manager', 'case-system', 'admin'],
    });
    expect(erasure.subject).toMatch(/^cli-/);
  });
});
