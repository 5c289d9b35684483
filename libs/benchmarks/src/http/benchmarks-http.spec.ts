import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BenchmarksModule } from './benchmarks.module.js';

let app: NestFastifyApplication;

async function get(url: string): Promise<{ status: number; json: any }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, json: response.json() };
}

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({ imports: [BenchmarksModule] }).compile();
  app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app.close();
});

describe('GET /api/v1/las', () => {
  it('lists every LA with its name and region, and the licence', async () => {
    const { status, json } = await get('/api/v1/las');
    expect(status).toBe(200);
    expect(json.licence).toMatch(/Open Government Licence v3\.0/);
    expect(json.las.length).toBeGreaterThanOrEqual(153);
    expect(json.las.find((la: any) => la.code === '881')).toMatchObject({
      name: 'Essex',
      region: { code: 'E12000006', name: 'East of England' },
    });
  });
});

describe('GET /api/v1/las/{la}/benchmarks', () => {
  it('gives Essex 297 / 1,833 = 16.2% within 20 weeks including exceptions in 2024 (the default year)', async () => {
    const { status, json } = await get('/api/v1/las/881/benchmarks');
    expect(status).toBe(200);
    expect(json.year).toBe(2024);
    const twenty = json.measures.find((m: any) => m.measure === 'within-20-weeks-including-exceptions');
    expect(twenty.la.numerator.value).toBe(297);
    expect(twenty.la.denominator.value).toBe(1833);
    expect(twenty.la.rate).toMatchObject({ value: 16.2, file: 'timeliness_20_week.csv' });
    expect(twenty.rank).toMatchObject({ of: expect.any(Number), quartile: 4 });
  });

  it('answers another year', async () => {
    const { json } = await get('/api/v1/las/881/benchmarks?year=2019');
    const twenty = json.measures.find((m: any) => m.measure === 'within-20-weeks-including-exceptions');
    expect(twenty.la.rate.value).toBe(72.5);
  });

  it('answers 404 for a well-formed code the DfE does not know, 400 for a malformed one or a bad year', async () => {
    expect((await get('/api/v1/las/999/benchmarks')).status).toBe(404);
    expect((await get('/api/v1/las/88/benchmarks')).status).toBe(400);
    expect((await get('/api/v1/las/abc/benchmarks')).status).toBe(400);
    expect((await get('/api/v1/las/881/benchmarks?year=2018')).status).toBe(400);
    expect((await get('/api/v1/las/881/benchmarks?year=twenty')).status).toBe(400);
    expect((await get('/api/v1/las/881/benchmarks?yaer=2024')).status).toBe(400);
  });
});
