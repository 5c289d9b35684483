import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { migrateEventStore, PostgresEventStore, startEmbeddedPostgres, type EmbeddedPostgres } from '#event-store';
import { createKafka, KafkaPublisher, OutboxRelay, silentLogger } from '#messaging';
import { caseClocksProjection, createReadModelDataSource, migrateReadModels, ProjectionRunner } from '#projections';
import { readTopic } from '../../messaging/src/testing/read-topic.js';
import {
  appendEvents,
  CaseFixture,
  createReadModelTestBed,
  type ReadModelTestBed,
} from '../../projections/src/testing/testbed.js';
import { kafkaBrokers, uniqueName } from '../../../test/setup/services.js';
import { RollupsModule } from './http/rollups.module.js';
import { migrateRollups } from './migrations/index.js';
import type { WeeklyRollup } from './rollup.js';
import { ProjectorBehindError, RollupService } from './rollup-service.js';
import { SqlOutboxStore } from './sql-outbox-store.js';

// Real brokers and databases on a shared machine: generous bounds, not speed claims.
jest.setTimeout(60_000);

const NOW = new Date('2024-01-15T09:00:00Z');

function oneCase(la: string, caseId: string, requested: string, decided?: string): CaseFixture {
  const fixture = new CaseFixture(la, caseId);
  fixture.fact('AssessmentRequested', requested, {
    requestSource: 'school',
    birthMonth: '2016-04',
    primaryNeed: 'ASD',
    team: 'north',
  });
  if (decided !== undefined) fixture.fact('AssessmentDecisionMade', decided, { decision: 'assess' });
  return fixture;
}

async function outboxRows(dataSource: DataSource) {
  return dataSource.query<Array<{ id: string; topic: string; key: string; published_at: Date | null }>>(
    `SELECT id::text AS id, topic, key, published_at FROM outbox ORDER BY id`,
  );
}

describe('rollups with Kafka off: the outbox keeps the records and HTTP serves the rollups', () => {
  const LA = '912';
  let bed: ReadModelTestBed;
  let app: NestFastifyApplication;
  const health = new Map<string, () => Promise<Record<string, unknown>>>();

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_rollups_nokafka');
    await appendEvents(bed.store, oneCase(LA, 'S1', '2023-12-01', '2024-01-10').events);
    await new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection()).catchUp();
    const moduleRef = await Test.createTestingModule({
      imports: [
        RollupsModule.forRootAsync({
          useFactory: () => ({
            dataSource: bed.dataSource,
            weeks: 2,
            clock: () => NOW,
            logger: silentLogger,
            registerHealth: (name, check) => health.set(name, check),
          }),
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await bed?.close();
  }, 30_000);

  it('publishes on demand into the outbox, where the records wait, and serves them', async () => {
    const response = await app.inject({ method: 'POST', url: `/api/v1/admin/rollups/publish?la=${LA}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      issued: [
        { la: LA, week: '2024-W02', revision: 1 },
        { la: LA, week: '2024-W01', revision: 1 },
      ],
    });
    const rows = await outboxRows(bed.dataSource);
    expect(rows.map((row) => [row.topic, row.key, row.published_at])).toEqual([
      ['ehcp.kpi-rollups.weekly.v1', `${LA}:2024-W02`, null],
      ['ehcp.kpi-rollups.weekly.v1', `${LA}:2024-W01`, null],
    ]);
    expect(await health.get('rollups')!()).toMatchObject({ relay: 'off', outboxUnpublished: 2 });

    const served = await app.inject({ method: 'GET', url: `/api/v1/las/${LA}/rollups/weekly?week=2024-W02` });
    expect(served.statusCode).toBe(200);
    const [rollup] = served.json<{ rollups: WeeklyRollup[] }>().rollups;
    expect(rollup).toMatchObject({ week: '2024-W02', revision: 1 });
    expect(rollup!.thisWeek.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 1,
      fraction: 1,
      rate: 1,
    });
  });

  it('documents both routes in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const weekly = document.paths['/api/v1/las/{la}/rollups/weekly']?.get;
    expect(weekly?.parameters?.map((p) => ('name' in p ? p.name : ''))).toEqual(
      expect.arrayContaining(['la', 'week', 'revisions', 'limit']),
    );
    expect(document.paths['/api/v1/admin/rollups/publish']?.post).toBeDefined();
    expect(document.components?.schemas?.['WeeklyRollupDto']).toBeDefined();
  });

  it('concurrent publishers of the same week issue one revision between them', async () => {
    const week = '2023-W50';
    const services = [0, 1, 2].map(() => new RollupService(bed.dataSource, { clock: () => NOW }));
    const results = await Promise.all(services.map((service) => service.publish({ la: LA, week })));
    expect(results.flatMap((result) => result.issued)).toEqual([{ la: LA, week, revision: 1 }]);
    const rows = await outboxRows(bed.dataSource);
    expect(rows.filter((row) => row.key === `${LA}:${week}`)).toHaveLength(1);
  });

  it('refuses to publish from case clocks too far behind the event store, then publishes once caught up', async () => {
    const runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection());
    const service = new RollupService(bed.dataSource, {
      clock: () => NOW,
      projectorLag: () => runner.lag(),
      maxLagSeconds: 0,
    });
    await appendEvents(bed.store, oneCase(LA, 'S2', '2023-12-04', '2024-01-12').events);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(service.publish({ la: LA, week: '2024-W02' })).rejects.toThrow(ProjectorBehindError);
    await runner.catchUp();
    expect((await service.publish({ la: LA, week: '2024-W02' })).issued).toEqual([
      { la: LA, week: '2024-W02', revision: 2 },
    ]);
  });

  it('applies its migrations once: running them again changes nothing', async () => {
    expect(await migrateRollups(bed.dataSource)).toEqual([]);
    const before = await outboxRows(bed.dataSource);
    expect(before.length).toBeGreaterThan(0);
    await migrateRollups(bed.dataSource);
    expect(await outboxRows(bed.dataSource)).toEqual(before);
  });
});

describe('SQL outbox store', () => {
  let bed: ReadModelTestBed;

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_rollups_outbox');
    expect(await migrateRollups(bed.dataSource)).toEqual(['WeeklyRollups1763900000000']);
  }, 60_000);

  afterAll(async () => {
    await bed?.close();
  }, 30_000);

  it('gives one relay at a time the pending records in write order, and forgets them once marked', async () => {
    for (const key of ['k3', 'k1', 'k2', 'k1']) {
      await bed.dataSource.query(`INSERT INTO outbox (topic, key, payload) VALUES ('t', $1, $2)`, [key, `p-${key}`]);
    }
    const first = new SqlOutboxStore(bed.dataSource, { holder: 'first', leaseSeconds: 1 });
    const second = new SqlOutboxStore(bed.dataSource, { holder: 'second', leaseSeconds: 1 });

    const pending = await first.pending(10);
    expect(pending.map((record) => record.key)).toEqual(['k3', 'k1', 'k2', 'k1']);
    expect(pending.map((record) => Number(record.id))).toEqual(
      [...pending.map((r) => Number(r.id))].sort((a, b) => a - b),
    );
    // The first relay holds the lease: the second waits.
    expect(await second.pending(10)).toEqual([]);

    await first.markPublished(
      pending.slice(0, 2).map((record) => record.id),
      new Date(),
    );
    expect((await first.pending(10)).map((record) => record.key)).toEqual(['k2', 'k1']);
    expect(await first.unpublishedCount()).toBe(2);

    // A released lease passes at once; an expired one passes too.
    await first.releaseLease();
    expect((await second.pending(10)).map((record) => record.key)).toEqual(['k2', 'k1']);
    expect(await first.pending(10)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await first.pending(1)).map((record) => record.key)).toEqual(['k2']);
  });
});

describe('rollups on embedded PostgreSQL (PGlite), relayed to Kafka', () => {
  const LA = '913';
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rollups-pglite-'));
    embedded = await startEmbeddedPostgres({ dataDir });
    pool = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
    await migrateEventStore(pool);
    store = new PostgresEventStore(pool, { notifications: false, pollIntervalMs: 20 });
    dataSource = createReadModelDataSource(embedded.connectionString, { embedded: true });
    await migrateReadModels(dataSource);
  }, 60_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await dataSource?.destroy();
    await pool?.end();
    await embedded?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('publishes revisions, keeps them in the outbox and relays them in order', async () => {
    expect(await migrateRollups(dataSource)).toEqual(['WeeklyRollups1763900000000']);
    expect(await migrateRollups(dataSource)).toEqual([]);
    await appendEvents(store, oneCase(LA, 'E1', '2023-12-01', '2024-01-10').events);
    const runner = new ProjectionRunner(dataSource, store, caseClocksProjection());
    await runner.catchUp();
    const topic = uniqueName('ehcp.kpi-rollups.pglite');
    const service = new RollupService(dataSource, { weeks: 1, topic, clock: () => NOW });

    expect((await service.publishNow()).issued).toEqual([{ la: LA, week: '2024-W02', revision: 1 }]);
    expect((await service.publishNow()).issued).toEqual([]);
    await appendEvents(store, oneCase(LA, 'E2', '2023-11-01', '2024-01-11').events);
    await runner.catchUp();
    expect((await service.publishNow()).issued).toEqual([{ la: LA, week: '2024-W02', revision: 2 }]);
    expect((await service.store.revisions(LA, '2024-W02')).map((r) => r.thisWeek.decisionsWithinSixWeeks)).toEqual([
      { unit: 'rate', numerator: 1, denominator: 1, fraction: 1, rate: 1 },
      { unit: 'rate', numerator: 1, denominator: 2, fraction: 1 / 2, rate: 0.5 },
    ]);

    const outbox = new SqlOutboxStore(dataSource);
    expect(await outbox.unpublishedCount()).toBe(2);
    const kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'rollups-pglite-test', logger: silentLogger });
    publisher = new KafkaPublisher(kafka);
    const relay = new OutboxRelay({ store: outbox, publisher, logger: silentLogger });
    expect(await relay.relayOnce()).toBe(2);
    expect(await outbox.unpublishedCount()).toBe(0);
    const messages = await readTopic(kafka, topic, 2);
    expect(messages.map((m) => [m.key, (JSON.parse(m.value!) as WeeklyRollup).revision])).toEqual([
      [`${LA}:2024-W02`, 1],
      [`${LA}:2024-W02`, 2],
    ]);
  }, 60_000);
});
