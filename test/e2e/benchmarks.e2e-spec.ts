import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The published figures through the whole service: the LA directory, an LA's benchmarks, problem+json errors. */
describe('published benchmarks in the service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('lists the LAs and gives Essex 297 / 1,833 = 16.2% within 20 weeks including exceptions in 2024', async () => {
    const las = await t.inject('GET', '/api/v1/las');
    expect(las.status).toBe(200);
    expect(las.json.las.find((la: any) => la.code === '202')).toMatchObject({ name: 'Camden' });

    const essex = await t.inject('GET', '/api/v1/las/881/benchmarks?year=2024');
    expect(essex.status).toBe(200);
    const twenty = essex.json.measures.find((m: any) => m.measure === 'within-20-weeks-including-exceptions');
    expect(twenty.la).toMatchObject({
      numerator: { value: 297 },
      denominator: { value: 1833 },
      rate: { value: 16.2, column: 'pc_plans_issued_within_20_weeks' },
    });
  });

  it('answers an unknown LA with 404 and a malformed one with 400, as problem+json', async () => {
    const unknown = await t.inject('GET', '/api/v1/las/999/benchmarks');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json.detail).toMatch(/999/);
    const malformed = await t.inject('GET', '/api/v1/las/9x9/benchmarks');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('documents both routes in OpenAPI', async () => {
    const docs = await t.inject('GET', '/api/docs-json');
    expect(Object.keys(docs.json.paths)).toEqual(
      expect.arrayContaining(['/api/v1/las', '/api/v1/las/{la}/benchmarks']),
    );
    const get = docs.json.paths['/api/v1/las/{la}/benchmarks'].get;
    expect(get.parameters.map((p: any) => p.name).sort()).toEqual(['la', 'year']);
  });
});
