import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

/** Inputs found when the service was probed: each is a clear 4xx, never a 500, and stores nothing. */
describe('hostile input over HTTP', () => {
  let t: TestApp;
  const statuses: number[] = [];
  const send = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const answer = await t.inject(method, url, body);
    statuses.push(answer.status);
    return answer;
  };
  const request = (caseId: string, extra: Record<string, unknown> = {}) =>
    fact(caseId, 'AssessmentRequested', '2024-01-08', { requestSource: 'school', ...extra });

  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    // For the record: how many probes, and that none was a 5xx.
    process.stdout.write(
      `hostile input: ${statuses.length} requests, ${statuses.filter((s) => s >= 400 && s < 500).length} 4xx, ` +
        `${statuses.filter((s) => s >= 500).length} 5xx\n`,
    );
    await t?.close();
  });

  it('D1: refuses prototype names as data fields (own properties only)', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const body = JSON.stringify([request('D1-1')]).replace('"requestSource"', `"${name}":"x","requestSource"`);
      const answer = await send('POST', '/api/v1/las/202/events', body);
      expect({ name, status: answer.status }).toEqual({ name, status: 400 });
      // `__proto__` and `constructor` are refused by the JSON parser itself; the others by the shape check.
      if (!['__proto__', 'constructor'].includes(name)) {
        expect(answer.json.errors[0]).toMatchObject({
          path: `[0].data.${name}`,
          message: 'is not a field of this event',
        });
      }
    }
  });

  it('D2: refuses NUL characters and lone surrogates in any string, naming the field', async () => {
    const nul = await send('POST', '/api/v1/las/202/events', [{ ...request('D2-1'), source: 'case\u0000system' }]);
    expect(nul.status).toBe(400);
    expect(nul.json.errors).toEqual([{ path: '[0].source', message: 'holds a NUL character or a lone surrogate' }]);
    const lone = JSON.stringify([request('D2-2', { team: 'north' })]).replace('"north"', '"no\\ud800rth"');
    const surrogate = await send('POST', '/api/v1/las/202/events', lone);
    expect(surrogate.status).toBe(400);
    expect(surrogate.json.errors[0].path).toBe('[0].data.team');
    const history = await send('GET', '/api/v1/las/202/cases/D2-1/events');
    expect(history.json.events ?? []).toHaveLength(0);
  });

  it('D6: refuses dates outside the supported range in facts and in queries', async () => {
    const old = await send('POST', '/api/v1/las/202/events', [{ ...request('D6-1'), occurredOn: '1989-12-31' }]);
    expect(old.status).toBe(400);
    expect(old.json.errors[0].path).toBe('[0].occurredOn');
    for (const query of [
      'asOf=9999-12-31',
      'asOf=9999-12-31T00:00:00Z',
      'from=0001-01-01&to=2024-01-01',
      'to=2101-01-01',
    ]) {
      const answer = await send('GET', `/api/v1/las/202/kpis/caseload?${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
    expect((await send('GET', '/api/v1/las/202/cases/X1/clock?asOf=9999-12-31')).status).toBe(400);
  });

  it('D7: caps the fields of a batch and the errors listed, and answers a huge body quickly', async () => {
    const manyErrors = Array.from({ length: 300 }, (_, i) => ({ ...request(`D7-${i}`), occurredOn: 'soon' }));
    const listed = await send('POST', '/api/v1/las/202/events', manyErrors);
    expect(listed.status).toBe(400);
    expect(listed.json.errors).toHaveLength(100);
    expect(listed.json.detail).toMatch(/^300 field error\(s\) \(the first 100 are listed\)/);

    const unknownKeys: Record<string, number> = {};
    for (let i = 0; i < 100_000; i++) unknownKeys[`k${i}`] = i;
    const started = Date.now();
    const wide = await send('POST', '/api/v1/las/202/events', [{ ...request('D7-W'), data: unknownKeys }]);
    expect(wide.status).toBe(400);
    expect(wide.json.detail).toMatch(/at most 64 fields a fact/);
    expect(JSON.stringify(wide.json).length).toBeLessThan(2000);

    const huge = `[${'"x",'.repeat(1_500_000)}"x"]`;
    const tooLarge = await send('POST', '/api/v1/las/202/events', huge);
    expect(tooLarge.status).toBe(413);
    expect(String(tooLarge.headers['content-type'])).toContain('application/problem+json');
    // Not a timing assertion: a sanity bound far above any machine's time, to catch a quadratic walk.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('answers none of them with a 5xx', () => {
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});
