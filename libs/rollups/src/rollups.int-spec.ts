import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import kafkajs, { type Kafka } from 'kafkajs';
import { createKafka, KafkaPublisher, silentLogger } from '#messaging';
import { caseClocksProjection, ProjectionRunner } from '#projections';
import { readTopic } from '../../messaging/src/testing/read-topic.js';
import {
  appendEvents,
  CaseFixture,
  createReadModelTestBed,
  sleep,
  type ReadModelTestBed,
} from '../../projections/src/testing/testbed.js';
import { kafkaBrokers, uniqueName } from '../../../test/setup/services.js';
import { RollupsModule } from './http/rollups.module.js';
import { ROLLUPS_OUTBOX_STORE } from './http/tokens.js';
import type { WeeklyRollup } from './rollup.js';
import { RollupService } from './rollup-service.js';
import type { SqlOutboxStore } from './sql-outbox-store.js';

// Real brokers and databases on a shared machine: generous bounds, not speed claims.
jest.setTimeout(60_000);

const LA = '911';
/** Monday 15 January 2024, 09:00 in London: the last complete week is 2024-W02 (8-14 January). */
const NOW = new Date('2024-01-15T09:00:00Z');
const WEEKS = 4;

describe('weekly rollups through the outbox to a real Kafka broker, and over HTTP', () => {
  let bed: ReadModelTestBed;
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  let app: NestFastifyApplication;
  let rollups: RollupService;
  let outbox: SqlOutboxStore;
  let runner: ProjectionRunner;
  const topic = uniqueName('ehcp.kpi-rollups.weekly.test');
  const health = new Map<string, () => Promise<Record<string, unknown>>>();

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  /** Waits until the relay has had every outbox record acknowledged by the broker. */
  const relayed = async () => {
    const deadline = Date.now() + 20_000;
    while ((await outbox.unpublishedCount()) > 0) {
      if (Date.now() > deadline) throw new Error('the outbox was not relayed within 20 s');
      await sleep(50);
    }
  };

  const messagesOnTopic = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((total, partition) => total + Number(partition.high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_rollups_kafka');
    kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'rollups-test', logger: silentLogger });
    publisher = new KafkaPublisher(kafka);
    runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection());

    // R1: requested 1 Dec, decided 10 Jan (within 6 weeks: due 12 Jan). R2: requested 3 Jan, still open.
    const r1 = new CaseFixture(LA, 'R1');
    r1.fact('AssessmentRequested', '2023-12-01', {
      requestSource: 'school',
      birthMonth: '2016-04',
      primaryNeed: 'ASD',
      team: 'north',
    });
    r1.fact('AssessmentDecisionMade', '2024-01-10', { decision: 'assess' });
    const r2 = new CaseFixture(LA, 'R2');
    r2.fact('AssessmentRequested', '2024-01-03', {
      requestSource: 'parent-or-young-person',
      birthMonth: '2018-09',
      primaryNeed: 'SLCN',
      team: 'south',
    });
    await appendEvents(bed.store, [...r1.events, ...r2.events]);
    await runner.catchUp();

    const moduleRef = await Test.createTestingModule({
      imports: [
        RollupsModule.forRootAsync({
          useFactory: () => ({
            dataSource: bed.dataSource,
            publisher,
            kafka,
            topic,
            weeks: WEEKS,
            clock: () => NOW,
            relayIdleMs: 50,
            logger: silentLogger,
            registerHealth: (name, check) => health.set(name, check),
          }),
        }),
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    rollups = app.get(RollupService);
    outbox = app.get<SqlOutboxStore>(ROLLUPS_OUTBOX_STORE);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await publisher?.disconnect();
    await bed?.close();
  }, 30_000);

  it('publishes each recent week once with revision 1, keyed <la>:<week>', async () => {
    const result = await rollups.publishNow();
    expect(result.today).toBe('2024-01-15');
    expect(result.las).toEqual([LA]);
    expect(result.weeks).toEqual(['2024-W02', '2024-W01', '2023-W52', '2023-W51']);
    expect(result.issued).toEqual(result.weeks.map((week) => ({ la: LA, week, revision: 1 })));
    await relayed();

    const messages = await readTopic(kafka, topic, WEEKS);
    const w02 = messages.filter((m) => m.key === `${LA}:2024-W02`);
    expect(w02).toHaveLength(1);
    expect(w02[0]!.headers['rollup-revision']).toBe('1');
    const rollup = JSON.parse(w02[0]!.value!) as WeeklyRollup;
    expect(rollup).toMatchObject({
      la: LA,
      week: '2024-W02',
      weekStart: '2024-01-08',
      weekEnd: '2024-01-14',
      revision: 1,
    });
    expect(rollup.thisWeek.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 1,
      fraction: 1,
      rate: 1,
    });
    expect(rollup.backlog.openRequests).toBe(2);
  });

  it('created the rollup topic compacted, so it keeps the latest revision of every week', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const described = await admin.describeConfigs({
        resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
        includeSynonyms: false,
      });
      expect(described.resources[0]!.configEntries[0]).toMatchObject({
        configName: 'cleanup.policy',
        configValue: 'compact',
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('publishing again with nothing new recorded issues nothing and adds nothing to the topic', async () => {
    const before = await messagesOnTopic();
    expect(before).toBe(WEEKS);
    const result = await rollups.publishNow(LA);
    expect(result.issued).toEqual([]);
    expect(result.unchanged).toBe(WEEKS);
    await sleep(300);
    await relayed();
    expect(await messagesOnTopic()).toBe(before);
  });

  it('a late-recorded fact that changes a published week issues revision 2, on the topic after revision 1', async () => {
    // R3: requested 1 Nov, decided 11 Jan (late: due 13 Dec), keyed in after week 2 was published.
    const r3 = new CaseFixture(LA, 'R3');
    r3.fact('AssessmentRequested', '2023-11-01', {
      requestSource: 'health',
      birthMonth: '2012-02',
      primaryNeed: 'SEMH',
      team: 'north',
    });
    r3.fact('AssessmentDecisionMade', '2024-01-11', { decision: 'assess' });
    await appendEvents(bed.store, r3.events);
    await runner.catchUp();

    const result = await rollups.publishNow();
    expect(result.issued).toContainEqual({ la: LA, week: '2024-W02', revision: 2 });
    await relayed();

    const total = await messagesOnTopic();
    expect(total).toBe(WEEKS + result.issued.length);
    const w02 = (await readTopic(kafka, topic, total)).filter((m) => m.key === `${LA}:2024-W02`);
    expect(w02.map((m) => (JSON.parse(m.value!) as WeeklyRollup).revision)).toEqual([1, 2]);
    const latest = JSON.parse(w02[1]!.value!) as WeeklyRollup;
    expect(latest.thisWeek.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 2,
      fraction: 1 / 2,
      rate: 0.5,
    });
  });

  it('serves both revisions over HTTP: as first reported and as known now', async () => {
    const { status, body } = await get(`/api/v1/las/${LA}/rollups/weekly?week=2024-W02&revisions=all`);
    expect(status).toBe(200);
    const revisions = body.rollups as WeeklyRollup[];
    expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(revisions[0]!.thisWeek.decisionsWithinSixWeeks.denominator).toBe(1);
    expect(revisions[1]!.thisWeek.decisionsWithinSixWeeks.denominator).toBe(2);
    expect(revisions[1]!.computedAt).toBe(NOW.toISOString());

    const latest = await get(`/api/v1/las/${LA}/rollups/weekly`);
    expect(latest.status).toBe(200);
    expect((latest.body.rollups as WeeklyRollup[]).map((r) => r.week)).toEqual([
      '2024-W02',
      '2024-W01',
      '2023-W52',
      '2023-W51',
    ]);
    expect((latest.body.rollups as WeeklyRollup[])[0]!.revision).toBe(2);

    const one = await get(`/api/v1/las/${LA}/rollups/weekly?week=2024-W02`);
    expect((one.body.rollups as WeeklyRollup[]).map((r) => r.revision)).toEqual([2]);
  });

  it('answers bad parameters with 400 naming them, an unpublished week with 404', async () => {
    const bad = await get(`/api/v1/las/${LA}/rollups/weekly?week=2024-W99&revisions=every`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/week must be an ISO week/);
    expect(JSON.stringify(bad.body)).toMatch(/revisions must be latest or all/);
    expect((await get(`/api/v1/las/${LA}/rollups/weekly?week=2022-W10`)).status).toBe(404);
    const incomplete = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/rollups/publish?la=${LA}&week=2024-W03`,
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toMatch(/has not ended yet/);
  });

  it('publishes on demand over HTTP and reports the next scheduled run on health', async () => {
    const response = await app.inject({ method: 'POST', url: `/api/v1/admin/rollups/publish?la=${LA}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ las: [LA], issued: [], unchanged: WEEKS });
    const status = await health.get('rollups')!();
    expect(status).toMatchObject({ nextRunAt: '2024-01-22T06:00:00.000Z', relay: 'running', outboxUnpublished: 0 });
  });
});
