import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { KpisModule } from '#kpis';
import { silentLogger } from '#messaging';
import { CASE_CLOCKS_RUNNER, ProjectionsModule, READ_MODEL_DATA_SOURCE, type ProjectionRunner } from '#projections';
import {
  appendEvents,
  CaseFixture,
  createReadModelTestBed,
  sleep,
  type ReadModelTestBed,
} from '../../projections/src/testing/testbed.js';
import { RollupsModule } from './http/rollups.module.js';
import { ROLLUPS_MODULE_OPTIONS, type RollupsModuleOptions } from './http/tokens.js';
import type { WeeklyRollup } from './rollup.js';

// Real brokers and databases on a shared machine: generous bounds, not speed claims.
jest.setTimeout(60_000);

const LA = '914';
const NOW = new Date('2024-01-15T09:00:00Z');

/**
 * The way the service mounts rollups: beside KpisModule, both importing the same ProjectionsModule object, whose
 * read-model data source they share; rollups use the case clocks runner's lag.
 */
describe('RollupsModule mounted beside KpisModule', () => {
  let bed: ReadModelTestBed;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_rollups_wiring');
    const request = new CaseFixture(LA, 'W1');
    request.fact('AssessmentRequested', '2023-12-01', {
      requestSource: 'school',
      birthMonth: '2016-04',
      primaryNeed: 'ASD',
      team: 'north',
    });
    request.fact('AssessmentDecisionMade', '2024-01-09', { decision: 'refuse' });
    await appendEvents(bed.store, request.events);

    const projections = ProjectionsModule.forRootAsync({
      useFactory: () => ({ connectionString: bed.database.url, embedded: false, eventStore: bed.store }),
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        projections,
        KpisModule.forRootAsync({ imports: [projections] }),
        RollupsModule.forRootAsync({
          imports: [projections],
          inject: [READ_MODEL_DATA_SOURCE, CASE_CLOCKS_RUNNER],
          useFactory: (dataSource: DataSource, runner: ProjectionRunner) => ({
            dataSource,
            projectorLag: () => runner.lag(),
            weeks: 1,
            clock: () => NOW,
            logger: silentLogger,
          }),
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    // The projector runs in the background: poll its lag with a generous bound.
    const runner = app.get<ProjectionRunner>(CASE_CLOCKS_RUNNER);
    const deadline = Date.now() + 30_000;
    while ((await runner.lag()).positionsBehind !== '0' && Date.now() < deadline) await sleep(50);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await bed?.close();
  }, 30_000);

  it('shares one data source with the KPI module and publishes from the projected case clocks', async () => {
    const options = app.get<RollupsModuleOptions>(ROLLUPS_MODULE_OPTIONS);
    expect(options.dataSource).toBe(app.get<DataSource>(READ_MODEL_DATA_SOURCE));
    const published = await app.inject({ method: 'POST', url: '/api/v1/admin/rollups/publish' });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ las: [LA], issued: [{ la: LA, week: '2024-W02', revision: 1 }] });

    const served = await app.inject({ method: 'GET', url: `/api/v1/las/${LA}/rollups/weekly` });
    const [rollup] = served.json<{ rollups: WeeklyRollup[] }>().rollups;
    expect(rollup!.thisWeek.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 1,
      fraction: 1,
      rate: 1,
    });
    expect(rollup!.thisWeek.appealRate.denominator).toBe(1);
  });

  it('still answers the KPI routes of the module it shares', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/las/${LA}/kpis/six-week-decisions?from=2024-01-08&to=2024-01-14`,
    });
    expect(response.statusCode).toBe(200);
  });
});
