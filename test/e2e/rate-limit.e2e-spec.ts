import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('the rate limit per caller', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers a 429 problem with Retry-After past the limit, per token, and never limits the probes', async () => {
    const url = '/api/v1/las/202/kpis/caseload';
    for (let i = 0; i < 3; i++) expect((await t.inject('GET', url)).status).toBe(200);
    const limited = await t.inject('GET', url);
    expect(limited.status).toBe(429);
    expect(String(limited.headers['content-type'])).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json).toMatchObject({ status: 429, title: 'Too Many Requests' });
    // Another caller has a budget of its own.
    const other = await t.token(['manager'], ['202']);
    expect((await t.inject('GET', url, undefined, other)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await t.inject('GET', '/health/live', undefined, null)).status).toBe(200);
  });
});
