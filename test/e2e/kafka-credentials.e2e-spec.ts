/**
 * The service against the local broker's SCRAM-SHA-512 listener with a wrong password: a clear, prompt failure that
 * readiness reports, while the rest of the service answers, and the password never reaches the log. (Its own file:
 * the log capture needs the only app of the test file.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scramBroker, uniqueName } from '../setup/services.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { eventually } from './support/eventually.js';

describe('Kafka with a wrong SCRAM password', () => {
  const scram = scramBroker();
  const logged: string[] = [];
  const logDestination = { write: (line: string) => void logged.push(line) };
  const wrongPassword = `wrong-${uniqueName('pw')}`;
  let t: TestApp;
  let startedInMs = 0;

  beforeAll(async () => {
    const started = Date.now();
    t = await startTestApp({
      logDestination,
      env: {
        KAFKA_BROKERS: scram.brokers.join(','),
        KAFKA_SASL_USERNAME: scram.username,
        KAFKA_SASL_PASSWORD: wrongPassword,
        KAFKA_EVENTS_TOPIC: uniqueName('events'),
        KAFKA_DEAD_LETTER_TOPIC: uniqueName('dlq'),
        KAFKA_GROUP_ID: uniqueName('group'),
        LOG_LEVEL: 'log',
      },
    });
    startedInMs = Date.now() - started;
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  it('starts without waiting on Kafka, says why on /health/ready, and never logs the password', async () => {
    // Start-up gives up on the consumer after at most 15 s; a refused password is answered at once.
    expect(startedInMs).toBeLessThan(15_000);
    const ready = await eventually(
      () => t.inject('GET', '/health/ready', undefined, null),
      (r) =>
        r.json?.reasons?.kafkaIngestion !== undefined && r.json.reasons.kafkaIngestion !== 'Kafka consumer starting',
    );
    expect(ready.status).toBe(503);
    expect(ready.json.reasons).toEqual({
      kafkaIngestion: 'Kafka refused the SCRAM-SHA-512 credentials (check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)',
    });
    // The rest of the service answers meanwhile.
    expect((await t.inject('GET', '/api/v1/las/202/cases/NONE/events')).status).toBe(200);
    const log = logged.join('');
    expect(log).toContain('Kafka ingestion could not start');
    expect(log).not.toContain(wrongPassword);
  }, 60_000);
});
