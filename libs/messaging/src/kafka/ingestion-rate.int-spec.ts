import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Kafka } from 'kafkajs';
import { kafkaBrokers, uniqueName } from '../../../../test/setup/services.js';
import { silentLogger } from '../logger.js';
import { RecordingStore, testEnvelopes, waitFor } from '../testing/recording-handler.js';
import { createKafka } from './kafka-factory.js';
import { KafkaEventIngestor } from './kafka-event-ingestor.js';
import { KafkaPublisher } from './kafka-publisher.js';
import { ensureTopics } from './topic-admin.js';

/**
 * The ingestor's own cost: the same messages read by a bare kafkajs consumer (auto-commit, JSON.parse only) and
 * by the ingestor (decode, handler, commit after answer), in one run. INGESTION_RATE_MESSAGES raises the count.
 */
const MESSAGES = Number(process.env['INGESTION_RATE_MESSAGES'] ?? 3_000);
const PARTITIONS = 3;

describe('ingestion rate', () => {
  let kafka: Kafka;
  let topic: string;

  beforeAll(async () => {
    kafka = createKafka({ brokers: kafkaBrokers(), clientId: 'ingestion-rate', logger: silentLogger });
    topic = uniqueName('ingest_rate');
    await ensureTopics(kafka, [
      { topic, numPartitions: PARTITIONS },
      { topic: `${topic}.dlq`, numPartitions: 1 },
    ]);
    const publisher = new KafkaPublisher(kafka);
    const envelopes = testEnvelopes(100, Math.ceil(MESSAGES / 100), 'rate').slice(0, MESSAGES);
    for (let start = 0; start < envelopes.length; start += 1_000) {
      await publisher.publishBatch(
        topic,
        envelopes
          .slice(start, start + 1_000)
          .map((envelope) => ({ key: envelope.caseId, value: JSON.stringify(envelope) })),
      );
    }
    await publisher.disconnect();
  }, 60_000);

  it('reads every message with both consumers and reports both rates', async () => {
    const bareSeen = new Set<string>();
    const bare = kafka.consumer({ groupId: uniqueName('rate_bare'), maxWaitTimeInMs: 500 });
    await bare.connect();
    await bare.subscribe({ topics: [topic], fromBeginning: true });
    const bareStart = performance.now();
    await bare.run({
      eachMessage: ({ message }) => {
        const envelope = JSON.parse(message.value!.toString('utf8')) as { eventId: string };
        bareSeen.add(envelope.eventId);
        return Promise.resolve();
      },
    });
    await waitFor(() => bareSeen.size === MESSAGES, 60_000, 'the bare consumer to read every message');
    const bareSeconds = (performance.now() - bareStart) / 1_000;
    await bare.disconnect();

    const store = new RecordingStore();
    const ingestor = new KafkaEventIngestor({
      kafka,
      topic,
      deadLetterTopic: `${topic}.dlq`,
      groupId: uniqueName('rate_ingestor'),
      logger: silentLogger,
      handle: (envelope, context) => Promise.resolve(store.record(envelope, context)),
    });
    const ingestorStart = performance.now();
    await ingestor.start();
    await waitFor(() => store.storedCount === MESSAGES, 60_000, 'the ingestor to handle every message');
    const ingestorSeconds = (performance.now() - ingestorStart) / 1_000;
    await waitFor(async () => (await ingestor.lag()).total === 0, 10_000, 'the ingestor to commit everything');
    await ingestor.stop();

    const bareRate = Math.round(MESSAGES / bareSeconds);
    const ingestorRate = Math.round(MESSAGES / ingestorSeconds);
    process.stdout.write(
      `ingestion rate over ${MESSAGES} messages in ${PARTITIONS} partitions (each including group join): ` +
        `bare kafkajs consumer ${bareRate}/s, KafkaEventIngestor ${ingestorRate}/s\n`,
    );
    expect(bareSeen.size).toBe(MESSAGES);
    expect(store.calls.filter((call) => call.outcome === 'accepted')).toHaveLength(MESSAGES);
  }, 120_000);
});
