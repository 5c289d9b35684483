import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import kafkajs from 'kafkajs';
import type { Kafka } from 'kafkajs';
import { kafkaBrokers, uniqueName } from '../../../../test/setup/services.js';
import { silentLogger } from '../logger.js';
import { OutboxRelay } from '../outbox.js';
import { MemoryOutbox } from '../testing/memory-outbox.js';
import { readTopic } from '../testing/read-topic.js';
import { waitFor } from '../testing/recording-handler.js';
import { createKafka } from './kafka-factory.js';
import { KafkaPublisher } from './kafka-publisher.js';
import { ensureTopics } from './topic-admin.js';

describe('OutboxRelay to a real broker', () => {
  let kafka: Kafka;
  let publisher: KafkaPublisher;

  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'outbox-int-spec', logger: silentLogger });
    publisher = new KafkaPublisher(kafka);
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
  });

  it('publishes pending records in write order with their keys and headers, then marks them', async () => {
    const rollups = uniqueName('outbox_rollups');
    const notices = uniqueName('outbox_notices');
    await ensureTopics(kafka, [
      { topic: rollups, numPartitions: 1, config: { 'cleanup.policy': 'compact' } },
      { topic: notices, numPartitions: 1 },
    ]);
    const outbox = new MemoryOutbox();
    for (let revision = 1; revision <= 3; revision += 1) {
      outbox.write({
        id: `r${revision}`,
        topic: rollups,
        key: '873:2026-W10',
        payload: JSON.stringify({ revision }),
        headers: { 'x-revision': String(revision) },
      });
      outbox.write({ id: `n${revision}`, topic: notices, key: `873:${revision}`, payload: `notice ${revision}` });
    }
    const relay = new OutboxRelay({ store: outbox, publisher, logger: silentLogger });

    expect(await relay.relayOnce()).toBe(6);
    expect(outbox.unpublished).toBe(0);
    expect(await relay.relayOnce()).toBe(0);

    const rollupMessages = await readTopic(kafka, rollups, 3);
    expect(rollupMessages.map((message) => [message.key, message.value, message.headers['x-revision']])).toEqual([
      ['873:2026-W10', '{"revision":1}', '1'],
      ['873:2026-W10', '{"revision":2}', '2'],
      ['873:2026-W10', '{"revision":3}', '3'],
    ]);
    const noticeMessages = await readTopic(kafka, notices, 3);
    expect(noticeMessages.map((message) => message.value)).toEqual(['notice 1', 'notice 2', 'notice 3']);

    const admin = kafka.admin();
    await admin.connect();
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: rollups, configNames: ['cleanup.policy'] }],
    });
    await admin.disconnect();
    expect(described.resources[0]?.configEntries[0]?.configValue).toBe('compact');
  }, 60_000);

  it('publishes again after a failed mark (at least once) and keeps relaying what is written later', async () => {
    const topic = uniqueName('outbox_retry');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    const outbox = new MemoryOutbox();
    outbox.write({ id: 'a', topic, key: 'k1', payload: 'first' });
    outbox.write({ id: 'b', topic, key: 'k2', payload: 'second' });
    outbox.failMarks = 1;
    const relay = new OutboxRelay({
      store: outbox,
      publisher,
      idleMs: 50,
      backoff: { initialMs: 20, maxMs: 50, factor: 2 },
      logger: silentLogger,
    });

    relay.start();
    await waitFor(() => outbox.unpublished === 0, 20_000, 'the first records to be marked');
    outbox.write({ id: 'c', topic, key: 'k3', payload: 'third' });
    await waitFor(() => outbox.unpublished === 0, 20_000, 'the later record to be marked');
    await relay.stop();

    const messages = await readTopic(kafka, topic, 5);
    expect(messages.map((message) => message.value)).toEqual(['first', 'second', 'first', 'second', 'third']);
    expect(relay.publishedCount()).toBe(3);
  }, 60_000);
});
