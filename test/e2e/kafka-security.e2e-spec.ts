/**
 * The service against the local broker's SCRAM-SHA-512 listener over TLS (the broker's self-signed certificate
 * trusted through KAFKA_TLS_CA_FILE): a fact flows through and a bad message is dead-lettered; a partition that
 * stops making progress makes readiness fail with the reason, then recover. (A wrong password:
 * kafka-credentials.e2e-spec.ts.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { readTopic } from '../../libs/messaging/src/testing/read-topic.js';
import { scramBroker, uniqueName } from '../setup/services.js';
import { fact, startTestApp, type TestApp } from './support/test-app.js';
import { eventually } from './support/eventually.js';

describe('Kafka with SCRAM-SHA-512 over TLS', () => {
  const scram = scramBroker();
  const eventsTopic = uniqueName('events');
  const deadLetterTopic = uniqueName('dlq');
  const client = new kafkajs.Kafka({
    brokers: scram.tlsBrokers,
    ssl: { ca: [readFileSync(scram.caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username: scram.username, password: scram.password },
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const producer = client.producer();
  let t: TestApp & { database?: { url: string } };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        KAFKA_BROKERS: scram.tlsBrokers.join(','),
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: scram.username,
        KAFKA_SASL_PASSWORD: scram.password,
        KAFKA_TLS: 'true',
        KAFKA_TLS_CA_FILE: scram.caFile,
        KAFKA_EVENTS_TOPIC: eventsTopic,
        KAFKA_DEAD_LETTER_TOPIC: deadLetterTopic,
        KAFKA_GROUP_ID: uniqueName('group'),
        KAFKA_STALL_SECONDS: '1',
      },
    });
    await producer.connect();
  }, 90_000);

  afterAll(async () => {
    await producer.disconnect();
    await t?.close();
  });

  it('consumes a fact and dead-letters a bad message through the authenticated, encrypted listener', async () => {
    const request = fact('SCRAM-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
    await producer.send({
      topic: eventsTopic,
      messages: [
        { key: 'SCRAM-1', value: JSON.stringify(request) },
        { key: 'SCRAM-1', value: '{"not": json' },
      ],
    });
    const history = await eventually(
      () => t.inject('GET', '/api/v1/las/202/cases/SCRAM-1/events'),
      (h) => h.json.events?.length >= 1,
    );
    expect(history.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([request.eventId]);
    expect(history.json.events[0].recordedBy).toBe('kafka-ingestion');
    // The dead letter was written by the service's own producer over the same SCRAM/TLS connection.
    const [dead] = await readTopic(client, deadLetterTopic, 1);
    expect(dead?.headers['x-dlq-code']).toBeDefined();
    expect((await t.inject('GET', '/health/ready', undefined, null)).status).toBe(200);
  }, 60_000);

  it('reports a partition with messages waiting and no progress on /health/ready, and recovers', async () => {
    const ready = () => t.inject('GET', '/health/ready', undefined, null);
    expect((await eventually(ready, (r) => r.status === 200)).status).toBe(200);
    // Hold every append: the consumer's handler waits on the lock, so its partition stops moving.
    const blocker = new pg.Client({ connectionString: t.database!.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table event_store.events in exclusive mode');
      const stuck = fact('SCRAM-2', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
      await producer.send({ topic: eventsTopic, messages: [{ key: 'SCRAM-2', value: JSON.stringify(stuck) }] });

      const stalled = await eventually(ready, (r) => r.status === 503, 20_000);
      expect(stalled.status).toBe(503);
      expect(stalled.json.reasons.kafkaIngestion).toMatch(
        new RegExp(
          `^Kafka consumer of ${eventsTopic} is stalled: partition \\d+ \\(1 waiting, no progress for \\d+ s\\)$`,
        ),
      );
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    const recovered = await eventually(ready, (r) => r.status === 200, 20_000);
    expect(recovered.status).toBe(200);
    const history = await t.inject('GET', '/api/v1/las/202/cases/SCRAM-2/events');
    expect(history.json.events).toHaveLength(1);
  }, 60_000);
});
