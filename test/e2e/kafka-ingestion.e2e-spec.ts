import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import { kafkaBrokers, uniqueName } from '../setup/services.js';
import { fact, startTestApp, type TestApp } from './support/test-app.js';
import { eventually } from './support/eventually.js';

/** Facts produced to the service's topic reach the same command path as HTTP. */
describe('ingestion from Kafka through the service', () => {
  const eventsTopic = uniqueName('events');
  const deadLetterTopic = uniqueName('dlq');
  const kafka = new kafkajs.Kafka({ brokers: kafkaBrokers(), logLevel: kafkajs.logLevel.NOTHING });
  const producer = kafka.producer();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_EVENTS_TOPIC: eventsTopic,
        KAFKA_DEAD_LETTER_TOPIC: deadLetterTopic,
        KAFKA_GROUP_ID: uniqueName('group'),
      },
    });
    await producer.connect();
  }, 90_000);

  afterAll(async () => {
    await producer.disconnect();
    await t?.close();
  });

  it('stores each fact once, dead-letters what it cannot accept with the reason, and moves on', async () => {
    const request = fact('KAF-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
    const decision = fact('KAF-1', 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' });
    const rejected = fact('KAF-1', 'TribunalAppealWithdrawn', '2024-03-01', { appealId: 'NO-SUCH-APPEAL' });
    const afterPoison = fact('KAF-1', 'AdviceRequested', '2024-02-14', { adviceFrom: 'school' });
    await producer.send({
      topic: eventsTopic,
      messages: [
        { key: 'KAF-1', value: JSON.stringify(request) },
        { key: 'KAF-1', value: JSON.stringify(decision) },
        { key: 'KAF-1', value: JSON.stringify(request) }, // redelivered by the source: a duplicate
        { key: 'KAF-1', value: '{"this is": not json' },
        { key: 'KAF-1', value: JSON.stringify(rejected) },
        { key: 'KAF-1', value: JSON.stringify(afterPoison) },
      ],
    });

    const history = await eventually(
      () => t.inject('GET', '/api/v1/las/202/cases/KAF-1/events'),
      (h) => h.json.events.length >= 3,
    );
    expect(history.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([
      request.eventId,
      decision.eventId,
      afterPoison.eventId,
    ]);

    const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    const dead: Array<{ reason: string; code: string; offset: string }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        dead.push({
          reason: String(message.headers?.['x-dlq-reason'] ?? ''),
          code: String(message.headers?.['x-dlq-code'] ?? ''),
          offset: String(message.headers?.['x-original-offset'] ?? ''),
        });
        return Promise.resolve();
      },
    });
    await eventually(
      () => Promise.resolve(dead.length),
      (n) => n >= 2,
    );
    await consumer.disconnect();
    expect(dead.map((d) => d.offset).sort()).toEqual(['3', '4']);
    expect(dead.find((d) => d.offset === '4')?.code).toBe('unknown-appeal');
    expect(dead.find((d) => d.offset === '3')?.reason).not.toBe('');

    const health = await t.inject('GET', '/health');
    expect(health.json.info.kafkaIngestion.status).toBe('up');
    expect(Object.keys(health.json.info.kafkaIngestion.lagByPartition).length).toBeGreaterThan(0);
    const metrics = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${t.defaultToken}` },
    });
    expect(metrics.body).toMatch(/^ehcp_kafka_consumer_partition_lag_messages\{partition="\d+"\} \d+$/m);
  }, 120_000);

  it('dead-letters a reused eventId with other content with the reason conflict, and stores it nowhere', async () => {
    const request = fact('KAF-2', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
    const reused = { ...request, caseId: 'KAF-3' };
    const marker = fact('KAF-2', 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' });
    await producer.send({
      topic: eventsTopic,
      messages: [
        { key: 'KAF-2', value: JSON.stringify(request) },
        { key: 'KAF-2', value: JSON.stringify(reused) },
        { key: 'KAF-2', value: JSON.stringify(marker) },
      ],
    });
    await eventually(
      () => t.inject('GET', '/api/v1/las/202/cases/KAF-2/events'),
      (h) => h.status === 200 && h.json.events.length >= 2,
    );

    const consumer = kafka.consumer({ groupId: uniqueName('dlq-conflict') });
    const codes: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        codes.push(String(message.headers?.['x-dlq-code'] ?? ''));
        return Promise.resolve();
      },
    });
    await eventually(
      () => Promise.resolve(codes.includes('conflict')),
      (found) => found,
    );
    await consumer.disconnect();
    expect(codes.filter((code) => code === 'conflict')).toHaveLength(1);
    expect((await t.inject('GET', '/api/v1/las/202/cases/KAF-3/events')).json.events).toEqual([]);
  }, 120_000);
});
