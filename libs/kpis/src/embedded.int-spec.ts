import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { migrateEventStore, PostgresEventStore, startEmbeddedPostgres, type EmbeddedPostgres } from '#event-store';
import {
  CaseClockQueries,
  caseClocksProjection,
  createReadModelDataSource,
  migrateReadModels,
  ProjectionRunner,
} from '#projections';
import { appendEvents, sleep } from '../../projections/src/testing/testbed.js';
import { KpiService } from './kpi-service.js';
import { handWorkedLa } from './testing/hand-worked-la.js';

const LA = '903';

/**
 * The embedded default: PGlite serves one session to every connection. The store's pool and the read side's pool
 * (one connection each) interleave: the projector follows the store while facts are appended and KPIs are queried.
 */
describe('projector and KPIs on embedded PostgreSQL (PGlite)', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rm-pglite-'));
    embedded = await startEmbeddedPostgres({ dataDir });
    pool = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
    await migrateEventStore(pool);
    store = new PostgresEventStore(pool, { notifications: false, pollIntervalMs: 20 });
    dataSource = createReadModelDataSource(embedded.connectionString, { embedded: true });
    await migrateReadModels(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
    await embedded?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows appends live, answers KPIs meanwhile, and rebuilds to the same figures', async () => {
    const runner = new ProjectionRunner(dataSource, store, caseClocksProjection(), { batchSize: 10, idleWaitMs: 50 });
    await runner.activeGeneration();
    runner.start();
    const service = new KpiService(new CaseClockQueries(dataSource), { today: () => '2026-11-22' });
    const fixture = handWorkedLa(LA);
    const query = { from: '2024-01-01', to: '2024-12-31', groupBy: 'year' as const };
    let appended = false;
    const appending = appendEvents(store, [...fixture.initial, ...fixture.amendments, ...fixture.late]).then(() => {
      appended = true;
    });
    // Queries while the projector and the appends run on the same session.
    while (!appended || (await runner.lag()).positionsBehind !== '0') {
      await service.kpi('six-week-decisions', LA, query);
      await sleep(20);
    }
    await appending;
    await runner.stop();
    const live = (await service.kpi('twenty-week-timeliness', LA, query)).total.figures;
    expect(live['withinTwentyWeeksIncludingExceptions']).toMatchObject({ numerator: 2, denominator: 3 });

    await expect(runner.rebuild()).resolves.toMatchObject({ generation: 2, swapped: true });
    expect((await service.kpi('twenty-week-timeliness', LA, query)).total.figures).toEqual(live);
    expect((await service.kpi('annual-reviews', LA, query)).total.figures['heldOnTime']).toMatchObject({
      numerator: 1,
      denominator: 4,
    });

    // As the service runs it here: the load table to table inside PGlite, the rows by INSERT.
    const inDatabase = new ProjectionRunner(dataSource, store, caseClocksProjection(), {
      bulkWrite: 'insert',
      storeInSameDatabase: true,
    });
    await expect(inDatabase.rebuild()).resolves.toMatchObject({ generation: 3, swapped: true });
    expect((await service.kpi('twenty-week-timeliness', LA, query)).total.figures).toEqual(live);
  }, 60_000);
});
