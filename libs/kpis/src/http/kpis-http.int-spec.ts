import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  appendEvents,
  createReadModelTestBed,
  sleep,
  type ReadModelTestBed,
} from '../../../projections/src/testing/testbed.js';
import { handWorkedLa } from '../testing/hand-worked-la.js';
import { ProjectionsModule } from '#projections';
import { KpisModule } from './kpis.module.js';

// Appending through the real store commits once per fact: generous bounds for a loaded machine.
jest.setTimeout(120_000);

const LA = '902';

describe('KPI query API over HTTP (KpisModule mounted in a Nest application)', () => {
  let bed: ReadModelTestBed;
  let app: NestFastifyApplication;
  const health = new Map<string, () => Promise<Record<string, unknown>>>();

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_kpis_http');
    const fixture = handWorkedLa(LA);
    await appendEvents(bed.store, [...fixture.initial, ...fixture.amendments, ...fixture.late]);
    const projections = ProjectionsModule.forRootAsync({
      useFactory: () => ({
        connectionString: bed.database.url,
        embedded: false,
        eventStore: bed.store,
        registerHealth: (name, check) => health.set(name, check),
      }),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [projections, KpisModule.forRootAsync({ imports: [projections] })],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // The projector runs in the background: poll its lag with a generous bound.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const lag = await health.get('projections')!();
      if (lag['positionsBehind'] === '0') break;
      await sleep(100);
    }
  });

  afterAll(async () => {
    await app?.close();
    await bed?.close();
  });

  it('answers the 20-week KPI with figures, groups and the cases behind them', async () => {
    const { status, body } = await get(
      `/api/v1/las/${LA}/kpis/twenty-week-timeliness?from=2024-01-01&to=2024-12-31&groupBy=quarter&includeCases=true`,
    );
    expect(status).toBe(200);
    expect((body.groups as Array<{ period: string }>).map((g) => g.period)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    expect(body.total.figures.withinTwentyWeeksIncludingExceptions).toMatchObject({
      numerator: 2,
      denominator: 3,
      cases: { numerator: ['A', 'C'], denominator: ['A', 'B', 'C'] },
    });
    expect(body.groups[1].figures.newPlansIssued.numerator).toBe(3);
  });

  it('breaks down by age band at the period end', async () => {
    const { body } = await get(
      `/api/v1/las/${LA}/kpis/twenty-week-timeliness?from=2024-01-01&to=2024-12-31&groupBy=year&breakdown=ageBand`,
    );
    // A born 2015-03: 9 on 31 Dec 2024; B born 2019-09: 5; C born 2010-06: 14; J (transferred in) born 2008-05: 16.
    expect(Object.keys(body.total.breakdown).sort()).toEqual(['11-15', '16-19', '5-10']);
    expect(body.total.breakdown['16-19'].transferredIn.numerator).toBe(1);
    expect(body.total.breakdown['5-10'].withinTwentyWeeksIncludingExceptions).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });

  it('answers as of a past instant from the events recorded by then', async () => {
    const { body } = await get(
      `/api/v1/las/${LA}/kpis/six-week-decisions?from=2024-01-01&to=2024-12-31&groupBy=year&asOf=2000-01-01T00:00:00Z`,
    );
    expect(body.total.figures.decidedWithinSixWeeks).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });

  it('serves every KPI route', async () => {
    for (const kpi of ['no-plan-notices', 'draft-plan-breaches', 'annual-reviews', 'tribunal', 'caseload']) {
      const { status, body } = await get(`/api/v1/las/${LA}/kpis/${kpi}?from=2024-01-01&to=2024-12-31&groupBy=year`);
      expect({ kpi, status }).toEqual({ kpi, status: 200 });
      expect(body.kpi).toBe(kpi);
    }
  });

  it("serves a case's clock and the at-risk list", async () => {
    const clock = await get(`/api/v1/las/${LA}/cases/D/clock`);
    expect(clock.status).toBe(200);
    expect(clock.body.nextDeadline).toEqual({ step: 'decide-whether-to-assess', due: '2024-04-15' });
    expect((await get(`/api/v1/las/${LA}/cases/NOPE/clock`)).status).toBe(404);
    const risk = await get(`/api/v1/las/${LA}/at-risk?withinDays=10`);
    expect(risk.status).toBe(200);
    expect((risk.body.items as Array<{ caseId: string }>).map((c) => c.caseId)).toContain('D');
  });

  it('refuses bad parameters with a 400 naming each of them', async () => {
    const { status, body } = await get(
      `/api/v1/las/${LA}/kpis/caseload?from=2024-13-01&groupBy=week&breakdown=colour&asOf=yesterday&bogus=1`,
    );
    expect(status).toBe(400);
    for (const name of ['from', 'groupBy', 'breakdown', 'asOf', 'bogus']) expect(body.message).toContain(name);
    expect((await get(`/api/v1/las/ABC/kpis/caseload`)).status).toBe(400);
    expect((await get(`/api/v1/las/${LA}/at-risk?withinDays=-3`)).status).toBe(400);
    const filters = await get(`/api/v1/las/${LA}/at-risk?step=lunch&stage=gone&limit=0&cursor=x`);
    expect(filters.status).toBe(400);
    for (const name of ['step', 'stage', 'limit', 'cursor']) expect(filters.body.message).toContain(name);
  });

  it('documents every route in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const paths = Object.keys(document.paths);
    for (const route of [
      '/api/v1/las/{la}/kpis/six-week-decisions',
      '/api/v1/las/{la}/kpis/twenty-week-timeliness',
      '/api/v1/las/{la}/kpis/no-plan-notices',
      '/api/v1/las/{la}/kpis/draft-plan-breaches',
      '/api/v1/las/{la}/kpis/annual-reviews',
      '/api/v1/las/{la}/kpis/tribunal',
      '/api/v1/las/{la}/kpis/caseload',
      '/api/v1/las/{la}/cases/{caseId}/clock',
      '/api/v1/las/{la}/at-risk',
      '/api/v1/admin/projections/{projection}/rebuild',
    ]) {
      expect(paths).toContain(route);
    }
    expect(document.components?.schemas?.['FigureDto']).toBeDefined();
  });

  it('rebuilds on request and reports progress for the CLI', async () => {
    const started = await app.inject({ method: 'POST', url: '/api/v1/admin/projections/case-clocks/rebuild' });
    expect(started.statusCode).toBe(202);
    let status = started.json();
    const deadline = Date.now() + 30_000;
    while (status.state === 'running' && Date.now() < deadline) {
      await sleep(100);
      status = (await get('/api/v1/admin/projections/case-clocks/rebuild')).body;
    }
    expect(status).toMatchObject({ projection: 'case-clocks', state: 'done' });
    expect(status.position).toBe(status.head);
    const { body } = await get(`/api/v1/las/${LA}/kpis/draft-plan-breaches?from=2024-01-01&to=2024-12-31&groupBy=year`);
    expect(body.total.figures.finalBeforeRepresentationsEnded).toMatchObject({ numerator: 1, denominator: 3 });
    expect((await get('/api/v1/admin/projections/nothing/rebuild')).status).toBe(404);
  });
});
