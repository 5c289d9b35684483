/**
 * Kafka ingestion rate: the service's consumer (decide and append each fact through the command path) against a
 * bare kafkajs consumer that only reads and JSON-parses the same messages, in one run on one broker.
 * Usage: npm run bench:kafka [-- --plans 1000 --years 2]. Needs PostgreSQL on 127.0.0.1:5432 and KAFKA_BROKERS
 * (or the local broker: npm run infra:kafka).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { generateLa } from '#synthetic';
import { createApp } from '../../apps/ehcp-monitor/src/bootstrap.js';
import { loadConfig } from '../../apps/ehcp-monitor/src/config/config.js';

const { values } = parseArgs({
  options: { plans: { type: 'string', default: '1000' }, years: { type: 'string', default: '2' } },
});
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const topic = `bench_events_${suffix}`;

async function main(): Promise<void> {
  const events = [...generateLa({ la: '202', seed: 11, years: Number(values.years), plans: Number(values.plans) })];
  const kafka = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < events.length; i += 5000) {
    await producer.send({
      topic,
      messages: events.slice(i, i + 5000).map((e) => ({ key: `${e.la}:${e.caseId}`, value: JSON.stringify(e) })),
    });
  }
  await producer.disconnect();
  const total = events.length;

  // 1. Bare kafkajs: read and parse every message.
  const bare = kafka.consumer({ groupId: `bench_bare_${suffix}` });
  await bare.connect();
  await bare.subscribe({ topic, fromBeginning: true });
  let read = 0;
  const bareStart = performance.now();
  await new Promise<void>((resolve) => {
    void bare.run({
      eachBatch: ({ batch }) => {
        for (const message of batch.messages) {
          JSON.parse(message.value?.toString() ?? 'null');
          read++;
        }
        if (read >= total) resolve();
        return Promise.resolve();
      },
    });
  });
  const bareSeconds = (performance.now() - bareStart) / 1000;
  await bare.disconnect();

  // 2. The service: decide and append every fact, committing offsets after each answer.
  const database = `bench_kafka_${suffix}`;
  const adminClient = new pg.Client({ connectionString: adminUrl });
  await adminClient.connect();
  await adminClient.query(`create database ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const app = await createApp(
    loadConfig({
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_EVENTS_TOPIC: topic,
      KAFKA_DEAD_LETTER_TOPIC: `${topic}_dlq`,
      KAFKA_GROUP_ID: `bench_service_${suffix}`,
      ROLES: 'api,ingest',
      LOG_LEVEL: 'error',
    }),
  );
  const serviceStart = performance.now();
  await app.init();
  let handled = 0;
  while (handled < total) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const health = (await app.inject({ method: 'GET', url: '/health' })).json<{
      details: { kafkaIngestion?: { handled?: number } };
    }>();
    handled = health.details.kafkaIngestion?.handled ?? 0;
    if (performance.now() - serviceStart > 30 * 60_000) throw new Error(`only ${handled} of ${total} handled`);
  }
  const serviceSeconds = (performance.now() - serviceStart) / 1000;
  const peakRssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  await app.close();
  await adminClient.query(`drop database ${database} with (force)`);
  await adminClient.end();

  const result = {
    scenario: 'kafka-ingestion',
    messages: total,
    bareKafkajs: { seconds: round(bareSeconds), eventsPerSecond: Math.round(total / bareSeconds) },
    service: { seconds: round(serviceSeconds), eventsPerSecond: Math.round(total / serviceSeconds), peakRssMiB },
    ratio: round(bareSeconds / serviceSeconds),
  };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(`bench-results/kafka-ingestion-${suffix}.json`, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
