import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

/** The log of a run (facts posted, a clock and a history read, a bad batch) holds no case data. */
describe('request log', () => {
  const lines: string[] = [];
  const capture = { write: (line: string) => void lines.push(line) };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'log' }, logDestination: capture });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const caseId = 'LOGCASE-7731';
  const secrets = [caseId, '2015-03', 'SEMH', 'Team-Northwest-77', 'parent-or-young-person'];

  function requestLines(): Array<Record<string, unknown>> {
    return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request');
  }

  it('writes one JSON line per request with the route template, and no case data anywhere', async () => {
    const posted = await t.inject('POST', '/api/v1/las/202/events', [
      fact(caseId, 'AssessmentRequested', '2024-01-08', {
        requestSource: 'parent-or-young-person',
        primaryNeed: 'SEMH',
        birthMonth: '2015-03',
        team: 'Team-Northwest-77',
      }),
      fact(caseId, 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
    ]);
    expect(posted.status).toBe(200);
    const bad = await t.inject('POST', '/api/v1/las/202/events', [{ caseId, la: '202', type: 'Nonsense' }]);
    expect(bad.status).toBe(400);
    await t.inject('GET', `/api/v1/las/202/cases/${caseId}/clock`);
    await t.inject('GET', `/api/v1/las/202/cases/${caseId}/events?team=Team-Northwest-77`);
    await t.inject('GET', `/api/v1/las/202/cases/${caseId}/no-such-route`);

    const text = lines.join('');
    for (const secret of secrets) expect(text).not.toContain(secret);

    const requests = requestLines();
    expect(requests.map((l) => l.route)).toEqual([
      '/api/v1/las/:la/events',
      '/api/v1/las/:la/events',
      '/api/v1/las/:la/cases/:caseId/clock',
      '/api/v1/las/:la/cases/:caseId/events',
      'unmatched',
    ]);
    expect(requests.map((l) => l.status)).toEqual([200, 400, expect.any(Number), 200, 404]);
    for (const line of requests) {
      expect(line).toMatchObject({ level: 30, method: expect.any(String), requestId: expect.any(String) });
      expect(typeof line.durationMs).toBe('number');
    }
  });

  it('accepts a sane X-Request-Id, replaces an unsafe one, and returns the id it used', async () => {
    const sane = await t.app.inject({
      method: 'GET',
      url: '/api/v1/las/202/cases/X/events',
      headers: { 'x-request-id': 'trace-42.a' },
    });
    expect(sane.headers['x-request-id']).toBe('trace-42.a');
    expect(requestLines().at(-1)?.requestId).toBe('trace-42.a');

    const unsafe = await t.app.inject({
      method: 'GET',
      url: '/api/v1/las/202/cases/X/events',
      headers: { 'x-request-id': 'a b\u00e9<script>' },
    });
    const generated = unsafe.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().at(-1)?.requestId).toBe(generated);
  });
});
