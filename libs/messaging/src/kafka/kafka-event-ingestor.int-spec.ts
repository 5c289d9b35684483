import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Kafka } from 'kafkajs';
import { kafkaBrokers, uniqueName } from '../../../../test/setup/services.js';
import type { EnvelopeBatchHandler, EnvelopeHandler, MessageContext } from '../ingestion.js';
import { silentLogger } from '../logger.js';
import {
  CapturingLogger,
  RecordingStore,
  testEnvelopes,
  waitFor,
  type TestEnvelope,
} from '../testing/recording-handler.js';
import { readTopic } from '../testing/read-topic.js';
import { createKafka } from './kafka-factory.js';
import { KafkaEventIngestor, type KafkaEventIngestorOptions } from './kafka-event-ingestor.js';
import { KafkaPublisher } from './kafka-publisher.js';
import { ensureTopics } from './topic-admin.js';

const FAST_BACKOFF = { initialMs: 20, maxMs: 100, factor: 2 };

describe('KafkaEventIngestor against a real broker', () => {
  let kafka: Kafka;
  let publisher: KafkaPublisher;
  const running: KafkaEventIngestor[] = [];

  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'ingestor-int-spec', logger: silentLogger });
    publisher = new KafkaPublisher(kafka);
    await publisher.connect();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((ingestor) => ingestor.stop()));
  });

  afterAll(async () => {
    await publisher.disconnect();
  });

  async function freshTopics(name: string, partitions: number): Promise<{ topic: string; deadLetterTopic: string }> {
    const topic = uniqueName(name);
    const deadLetterTopic = `${topic}.dlq`;
    await ensureTopics(kafka, [
      { topic, numPartitions: partitions },
      { topic: deadLetterTopic, numPartitions: 1 },
    ]);
    return { topic, deadLetterTopic };
  }

  async function publishEnvelopes(topic: string, envelopes: readonly TestEnvelope[]): Promise<void> {
    await publisher.publishBatch(
      topic,
      envelopes.map((envelope) => ({ key: envelope.caseId, value: JSON.stringify(envelope) })),
    );
  }

  function ingestor(options: Omit<KafkaEventIngestorOptions, 'kafka'>): KafkaEventIngestor {
    const created = new KafkaEventIngestor({ kafka, logger: silentLogger, backoff: FAST_BACKOFF, ...options });
    running.push(created);
    return created;
  }

  it('handles every message after a stop in the middle of a batch and a restart, in each case order', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_restart', 3);
    const envelopes = testEnvelopes(30, 10, 'restart');
    await publishEnvelopes(topic, envelopes);
    const groupId = uniqueName('ingest_restart_group');
    const store = new RecordingStore();

    let stopping: Promise<void> | undefined;
    const first: KafkaEventIngestor = ingestor({
      topic,
      deadLetterTopic,
      groupId,
      commitEvery: 1_000,
      commitIntervalMs: 60_000,
      handle: (envelope, context) => {
        const outcome = store.record(envelope, context);
        if (store.calls.length === 100) stopping = first.stop();
        return Promise.resolve(outcome);
      },
    });
    await first.start();
    await waitFor(() => stopping !== undefined, 30_000, 'the first consumer to handle 100 messages');
    await stopping;
    const handledBeforeRestart = store.calls.length;
    expect(handledBeforeRestart).toBeGreaterThanOrEqual(100);
    expect(handledBeforeRestart).toBeLessThan(envelopes.length);

    const second = ingestor({ topic, deadLetterTopic, groupId, handle: (e, c) => Promise.resolve(store.record(e, c)) });
    await second.start();
    await waitFor(() => store.storedCount === envelopes.length, 30_000, 'every envelope to be stored');

    for (const envelope of envelopes) expect(store.has(envelope.eventId)).toBe(true);
    const accepted = store.calls.filter((call) => call.outcome === 'accepted').length;
    const duplicates = store.calls.filter((call) => call.outcome === 'duplicate').length;
    expect(accepted).toBe(envelopes.length);
    expect(accepted + duplicates).toBe(store.calls.length);
    for (let index = 0; index < 30; index += 1) {
      expect(store.storedOrderOf(`CASE-restart-${index}`)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    await waitFor(async () => (await second.lag()).total === 0, 10_000, 'the group to commit everything');
  }, 90_000);

  it('redelivers a message whose handler never answered, and the duplicate answer keeps it stored once', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_crash', 3);
    const envelopes = testEnvelopes(6, 10, 'crash');
    await publishEnvelopes(topic, envelopes);
    const groupId = uniqueName('ingest_crash_group');
    const store = new RecordingStore();
    const stuck = envelopes[25]!;
    let stuckAt: MessageContext | undefined;

    // The process "dies" after storing the event and before the commit: the handler never returns.
    const first = ingestor({
      topic,
      deadLetterTopic,
      groupId,
      commitEvery: 1,
      stopGraceMs: 300,
      handle: (envelope, context) => {
        const outcome = store.record(envelope, context);
        if ((envelope as TestEnvelope).eventId === stuck.eventId) {
          stuckAt = context;
          return new Promise(() => undefined);
        }
        return Promise.resolve(outcome);
      },
    });
    await first.start();
    await waitFor(() => stuckAt !== undefined, 30_000, 'the stuck message to be handled');
    const lagWhileStuck = await first.lag();
    const committedOnStuckPartition = lagWhileStuck.partitions.find((p) => p.partition === stuckAt!.partition);
    expect(BigInt(committedOnStuckPartition?.committedOffset ?? '0')).toBeLessThanOrEqual(BigInt(stuckAt!.offset));
    await first.stop();

    const second = ingestor({ topic, deadLetterTopic, groupId, handle: (e, c) => Promise.resolve(store.record(e, c)) });
    await second.start();
    await waitFor(() => store.callsFor(stuck.eventId).length >= 2, 30_000, 'the stuck message to be redelivered');
    await waitFor(() => store.storedCount === envelopes.length, 30_000, 'every envelope to be stored');

    expect(store.callsFor(stuck.eventId).map((call) => call.outcome)).toEqual(['accepted', 'duplicate']);
    expect(store.calls.filter((call) => call.outcome === 'accepted')).toHaveLength(envelopes.length);
    expect(second.stats().duplicates).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('sends an unparseable and a rejected message to the dead-letter topic and goes on with the next ones', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_poison', 1);
    const key = 'CASE-poison-1';
    const good = (sequence: number): TestEnvelope => ({ eventId: `poison-${sequence}`, caseId: key, sequence });
    const rejected: TestEnvelope = { eventId: 'poison-rejected', caseId: key, sequence: 99, verdict: 'reject' };
    const notJson = '{"eventId": "poison-broken", "caseId": "CASE-poison-1", ';
    await publisher.publishBatch(topic, [
      { key, value: JSON.stringify(good(1)) },
      { key, value: notJson, headers: { 'x-source': 'capita-one' } },
      { key, value: JSON.stringify(good(2)) },
      { key, value: JSON.stringify(rejected) },
      { key, value: JSON.stringify(good(3)) },
    ]);
    const store = new RecordingStore();
    const logger = new CapturingLogger();
    const handled: unknown[] = [];
    const handle: EnvelopeHandler = (envelope, context) => {
      handled.push(envelope);
      return Promise.resolve(store.record(envelope, context));
    };
    const consumer = ingestor({ topic, deadLetterTopic, groupId: uniqueName('ingest_poison_group'), handle, logger });
    await consumer.start();
    await waitFor(() => store.storedCount === 3, 30_000, 'the good messages to be stored');

    expect(store.storedOrderOf(key)).toEqual([1, 2, 3]);
    expect(handled).toHaveLength(4); // the unparseable message never reaches the handler
    const letters = await readTopic(kafka, deadLetterTopic, 2);
    const byOffset = new Map(letters.map((letter) => [letter.headers['x-original-offset'], letter]));
    const broken = byOffset.get('1');
    const refused = byOffset.get('3');
    expect(broken).toBeDefined();
    expect(refused).toBeDefined();
    expect(broken!.headers).toMatchObject({
      'x-dlq-code': 'invalid_json',
      'x-original-topic': topic,
      'x-original-partition': '0',
      'x-source': 'capita-one',
    });
    expect(broken!.headers['x-dlq-reason']).toMatch(/not valid JSON/);
    expect(broken!.value).toBe(notJson);
    expect(broken!.key).toBe(key);
    expect(refused!.headers).toMatchObject({
      'x-dlq-code': 'final_before_request',
      'x-dlq-reason': 'final plan dated before its request',
      'x-original-topic': topic,
      'x-original-partition': '0',
    });
    expect(JSON.parse(refused!.value!)).toEqual(rejected);
    expect(consumer.stats()).toMatchObject({ accepted: 3, deadLettered: 2, handled: 5 });
    await waitFor(async () => (await consumer.lag()).total === 0, 10_000, 'the group to commit past the poison');

    expect(logger.lines.some((line) => line.includes('dead-lettered'))).toBe(true);
    for (const line of logger.lines) expect(line).not.toContain('CASE-poison');
  }, 60_000);

  it('answers chunks with handleBatch: poison messages inside a chunk go to the dead-letter topic, the rest are stored', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_batch_poison', 1);
    const key = 'CASE-batch-1';
    const good = (sequence: number): TestEnvelope => ({ eventId: `batch-${sequence}`, caseId: key, sequence });
    const rejected: TestEnvelope = { eventId: 'batch-rejected', caseId: key, sequence: 99, verdict: 'reject' };
    const notJson = '{"eventId": "batch-broken", ';
    const values = [
      JSON.stringify(good(1)),
      JSON.stringify(good(2)),
      notJson,
      JSON.stringify(good(3)),
      JSON.stringify(rejected),
      ...[4, 5, 6, 7, 8, 9, 10].map((sequence) => JSON.stringify(good(sequence))),
    ];
    await publisher.publishBatch(
      topic,
      values.map((value) => ({ key, value })),
    );
    const store = new RecordingStore();
    const chunkSizes: number[] = [];
    let failuresLeft = 2;
    const handleBatch: EnvelopeBatchHandler = (envelopes, contexts) => {
      chunkSizes.push(envelopes.length);
      // The first attempt stores part of the chunk and then fails: the retry answers those as duplicates.
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        store.record(envelopes[0], contexts[0]!);
        return Promise.reject(new Error('connection to the event store lost'));
      }
      return Promise.resolve(envelopes.map((envelope, index) => store.record(envelope, contexts[index]!)));
    };
    const consumer = ingestor({
      topic,
      deadLetterTopic,
      groupId: uniqueName('ingest_batch_group'),
      handle: () => Promise.reject(new Error('the per-message handler must not be used')),
      handleBatch,
      batchSize: 4,
    });
    await consumer.start();
    await waitFor(() => store.storedCount === 10, 30_000, 'the good messages to be stored');
    await waitFor(async () => (await consumer.lag()).total === 0, 10_000, 'the group to commit past the poison');

    expect(store.storedOrderOf(key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(4);
    expect(chunkSizes.length).toBeGreaterThanOrEqual(3 + 2); // at least three chunks, two of them retried
    const letters = await readTopic(kafka, deadLetterTopic, 2);
    const byOffset = new Map(letters.map((letter) => [letter.headers['x-original-offset'], letter]));
    expect(byOffset.get('2')?.headers['x-dlq-code']).toBe('invalid_json');
    expect(byOffset.get('2')?.value).toBe(notJson);
    expect(byOffset.get('4')?.headers['x-dlq-code']).toBe('final_before_request');
    expect(JSON.parse(byOffset.get('4')!.value!)).toEqual(rejected);
    expect(store.calls.filter((call) => call.outcome === 'accepted')).toHaveLength(10);
    // The message stored before the failures is answered "duplicate" by the retry, and counted once.
    expect(consumer.stats()).toEqual({
      handled: values.length,
      accepted: 9,
      duplicates: 1,
      deadLettered: 2,
      retries: 2,
    });
  }, 60_000);

  it('retries a failing handler on the same message with backoff and never skips it', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_retry', 1);
    const key = 'CASE-retry-1';
    const envelopes = [1, 2, 3, 4].map((sequence) => ({ eventId: `retry-${sequence}`, caseId: key, sequence }));
    await publishEnvelopes(topic, envelopes);
    const store = new RecordingStore();
    let failuresLeft = 3;
    const attemptsOnSecond: number[] = [];
    const consumer = ingestor({
      topic,
      deadLetterTopic,
      groupId: uniqueName('ingest_retry_group'),
      handle: (envelope, context) => {
        if ((envelope as TestEnvelope).sequence === 2) {
          attemptsOnSecond.push(Date.now());
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            return Promise.reject(new Error('connection to the event store lost'));
          }
        }
        return Promise.resolve(store.record(envelope, context));
      },
    });
    await consumer.start();
    await waitFor(() => store.storedCount === 4, 30_000, 'all four envelopes to be stored');

    expect(store.storedOrderOf(key)).toEqual([1, 2, 3, 4]);
    expect(attemptsOnSecond).toHaveLength(4);
    expect(consumer.stats()).toMatchObject({ retries: 3, deadLettered: 0, accepted: 4 });
    // Each retry waited at least half its backoff step (20, 40, 80 ms).
    const gaps = attemptsOnSecond.slice(1).map((at, index) => at - attemptsOnSecond[index]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(10);
    expect(gaps[2]).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('dead-letters a message whose handler keeps throwing after a bounded number of attempts, in a chunk too', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_bounded', 1);
    const key = 'CASE-bounded-1';
    await publishEnvelopes(
      topic,
      [1, 2, 3].map((sequence) => ({ eventId: `bounded-${sequence}`, caseId: key, sequence })),
    );
    const store = new RecordingStore();
    const throwsOnSecond = (envelope: unknown) => {
      if ((envelope as TestEnvelope).sequence === 2) throw new Error('invalid byte sequence for encoding "UTF8"');
    };
    const consumer = ingestor({
      topic,
      deadLetterTopic,
      groupId: uniqueName('ingest_bounded_group'),
      maxAttempts: 3,
      handle: (envelope, context) => {
        throwsOnSecond(envelope);
        return Promise.resolve(store.record(envelope, context));
      },
      handleBatch: (envelopes, contexts) => {
        envelopes.forEach(throwsOnSecond);
        return Promise.resolve(envelopes.map((envelope, i) => store.record(envelope, contexts[i]!)));
      },
    });
    await consumer.start();
    await waitFor(() => store.storedCount === 2, 30_000, 'the other messages to be stored');
    const [letter] = await readTopic(kafka, deadLetterTopic, 1);
    expect(letter!.headers).toMatchObject({ 'x-dlq-code': 'handler-failed', 'x-original-offset': '1' });
    expect(letter!.headers['x-dlq-reason']).toMatch(/handling failed 3 times: .*invalid byte sequence/);
    expect(store.storedOrderOf(key)).toEqual([1, 3]);
    await waitFor(async () => (await consumer.lag()).total === 0, 10_000, 'the group to commit past it');
  }, 60_000);

  it('dead-letters a message too large to copy without its payload, with its coordinates and size', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_large', 1);
    const key = 'CASE-large-1';
    const large = `{"eventId": "large", "caseId": "${key}", "padding": "${'x'.repeat(5000)}"`;
    await publisher.publishBatch(topic, [{ key, value: large }]);
    const store = new RecordingStore();
    const consumer = ingestor({
      topic,
      deadLetterTopic,
      groupId: uniqueName('ingest_large_group'),
      maxDeadLetterBytes: 1024,
      handle: (envelope, context) => Promise.resolve(store.record(envelope, context)),
    });
    await consumer.start();
    const [letter] = await readTopic(kafka, deadLetterTopic, 1);
    expect(letter!.value).toBeNull();
    expect(letter!.headers).toMatchObject({
      'x-dlq-code': 'invalid_json',
      'x-dlq-payload-omitted': 'too-large',
      'x-original-size': String(Buffer.byteLength(large)),
      'x-original-topic': topic,
      'x-original-offset': '0',
    });
  }, 60_000);

  it('reports lag per partition before consuming and none once everything is committed', async () => {
    const { topic, deadLetterTopic } = await freshTopics('ingest_lag', 3);
    const envelopes = testEnvelopes(4, 3, 'lag');
    await publishEnvelopes(topic, envelopes);
    const store = new RecordingStore();
    const consumer = ingestor({
      topic,
      deadLetterTopic,
      groupId: uniqueName('ingest_lag_group'),
      handle: (e, c) => Promise.resolve(store.record(e, c)),
    });

    const before = await consumer.lag();
    expect(before.total).toBe(envelopes.length);
    expect(before.partitions).toHaveLength(3);
    expect(before.partitions.every((partition) => partition.committedOffset === null)).toBe(true);

    await consumer.start();
    await waitFor(() => store.storedCount === envelopes.length, 30_000, 'every envelope to be stored');
    await waitFor(async () => (await consumer.lag()).total === 0, 10_000, 'the lag to reach zero');
    const after = await consumer.lag();
    const committedTotal = after.partitions.reduce((sum, partition) => sum + Number(partition.committedOffset), 0);
    expect(committedTotal).toBe(envelopes.length);
  }, 60_000);
});
