import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Kafka } from 'kafkajs';
import {
  KafkaEventIngestor,
  KafkaPublisher,
  SERVICE_TOPICS,
  StalledPartitions,
  createKafka,
  describeStalled,
  ensureTopics,
  type IngestionOutcome,
  type MessagingLogger,
} from '#messaging';
import { validatePathwayEvent, type IngestionRejectionCode, type PathwayEvent } from '#pathway';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { ComponentDown, HealthRegistry } from '../health/health.registry.js';
import { RecordPathwayFacts, type FactResult } from '../ingestion/record-facts.command.js';

/** The Kafka client, or undefined when KAFKA_BROKERS is unset (Kafka off). */
export const KAFKA = Symbol('KAFKA');
/** A connected KafkaPublisher, or undefined when Kafka is off. */
export const KAFKA_PUBLISHER = Symbol('KAFKA_PUBLISHER');

/** Messages of one partition answered by one command (one read and one append transaction per LA). */
/** Facts from the topic are recorded as sent by Kafka ingestion (the topic's producers hold no token). */
const KAFKA_RECORDER = 'kafka-ingestion';

const KAFKA_CHUNK_SIZE = 500;

/** The code of a message whose envelope does not have the contract's shape (see GET /api/v1/rejection-codes). */
const INVALID_ENVELOPE: IngestionRejectionCode = 'invalid-envelope';

/**
 * Partitions answered at once. Messages are keyed by case, so two partitions never hold the same case and their
 * chunks append to different streams; order within each partition is kept.
 */
const PARTITIONS_IN_PARALLEL = 3;

/** How long start-up waits for the consumer to join before going on without it (it keeps trying behind). */
const START_WAIT_MS = 15_000;
/** Pause before another attempt after the consumer could not start (broker down, credentials refused). */
const RESTART_DELAY_MS = 30_000;

const nestLogger = new Logger('Kafka');
// The context's fields become fields of the JSON log line (and fall under its redaction), not text in the message.
const messagingLogger: MessagingLogger = {
  log: (message, context) => nestLogger.log({ ...context, msg: message }),
  warn: (message, context) => nestLogger.warn({ ...context, msg: message }),
  error: (message, context) => nestLogger.error({ ...context, msg: message }),
};

/**
 * The answer for one Kafka message: the same command path as HTTP. A message whose shape is wrong is answered
 * "rejected" (so it goes to the dead-letter topic with the reason); a thrown error is retried by the consumer.
 */
export async function handleEnvelope(commandBus: CommandBus, envelope: unknown): Promise<IngestionOutcome> {
  const checked = validatePathwayEvent(envelope);
  if (!checked.ok) return { status: 'rejected', code: INVALID_ENVELOPE, message: describeShapeErrors(checked.errors) };
  const [result] = await commandBus.execute(new RecordPathwayFacts(checked.event.la, [checked.event], KAFKA_RECORDER));
  if (result === undefined) throw new Error('the command answered nothing for one fact');
  return toOutcome(result);
}

/**
 * The answers for a chunk of Kafka messages, in order: each envelope is shape-checked as in handleEnvelope, and the
 * valid ones go through one RecordPathwayFacts per LA (facts of one case keep their order within it). A thrown
 * error retries the whole chunk; the facts it had already stored are then answered "duplicate".
 */
export async function handleEnvelopes(
  commandBus: CommandBus,
  envelopes: readonly unknown[],
): Promise<IngestionOutcome[]> {
  const outcomes = new Array<IngestionOutcome | undefined>(envelopes.length);
  const byLa = new Map<string, { indexes: number[]; events: PathwayEvent[] }>();
  envelopes.forEach((envelope, index) => {
    const checked = validatePathwayEvent(envelope);
    if (!checked.ok) {
      outcomes[index] = { status: 'rejected', code: INVALID_ENVELOPE, message: describeShapeErrors(checked.errors) };
      return;
    }
    const group = byLa.get(checked.event.la) ?? { indexes: [], events: [] };
    group.indexes.push(index);
    group.events.push(checked.event);
    byLa.set(checked.event.la, group);
  });
  for (const [la, { indexes, events }] of byLa) {
    const results = await commandBus.execute(new RecordPathwayFacts(la, events, KAFKA_RECORDER));
    if (results.length !== events.length) {
      throw new Error(`the command answered ${results.length} results for ${events.length} facts`);
    }
    results.forEach((result, k) => (outcomes[indexes[k]!] = toOutcome(result)));
  }
  return outcomes.map((outcome) => outcome!);
}

function describeShapeErrors(errors: ReadonlyArray<{ readonly path: string; readonly message: string }>): string {
  return errors.map((e) => `${e.path || '(envelope)'}: ${e.message}`).join('; ');
}

function toOutcome(result: FactResult): IngestionOutcome {
  // A conflict (the eventId is recorded with other content) goes to the dead letters with the reason `conflict`.
  return result.status === 'rejected' || result.status === 'conflict'
    ? { status: 'rejected', code: result.code, message: result.message }
    : { status: result.status };
}

/**
 * The consumer of the events topic. It starts in the background so a broker that is down, or refuses the
 * credentials, never holds up the service: start-up waits at most START_WAIT_MS, a failed start is retried every
 * RESTART_DELAY_MS, and meanwhile readiness reports why (never the credentials). Once running, readiness also
 * fails while a partition has messages waiting and makes no progress for KAFKA_STALL_SECONDS.
 */
@Injectable()
class KafkaIngestion implements OnApplicationBootstrap, OnApplicationShutdown {
  private ingestor: KafkaEventIngestor | undefined;
  private starting: Promise<void> | undefined;
  private failure: string | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka | undefined,
    @Inject(KAFKA_PUBLISHER) private readonly publisher: KafkaPublisher | undefined,
    private readonly commandBus: CommandBus,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.kafka === undefined || !this.config.roles.has('ingest')) return;
    const stalled = new StalledPartitions(this.config.kafka.stallSeconds * 1000);
    this.health.register('kafkaIngestion', async () => {
      const ingestor = this.ingestor;
      if (ingestor === undefined) {
        throw new ComponentDown(this.failure ?? 'Kafka consumer starting', { running: false });
      }
      const lag = await ingestor.lag();
      const lagByPartition = Object.fromEntries(lag.partitions.map((p) => [String(p.partition), p.lag]));
      const details = { running: ingestor.isRunning(), lag: lag.total, lagByPartition, ...ingestor.stats() };
      const stuck = stalled.observe(lag);
      if (stuck.length > 0) throw new ComponentDown(describeStalled(lag.topic, stuck), details);
      return details;
    });
    this.starting = this.start();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.starting, new Promise((resolve) => (timer = setTimeout(resolve, START_WAIT_MS)))]);
    clearTimeout(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    // A start still retrying inside kafkajs stops its own consumer when it ends (closing is set).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.starting, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
    clearTimeout(timer);
    await this.ingestor?.stop();
    await this.publisher?.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    const kafka = this.kafka!;
    const { eventsTopic, deadLetterTopic, groupId } = this.config.kafka;
    const ingestor = new KafkaEventIngestor({
      kafka,
      groupId,
      topic: eventsTopic,
      deadLetterTopic,
      handle: (envelope) => handleEnvelope(this.commandBus, envelope),
      handleBatch: (envelopes) => handleEnvelopes(this.commandBus, envelopes),
      batchSize: KAFKA_CHUNK_SIZE,
      partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
      logger: messagingLogger,
    });
    try {
      await ensureTopics(kafka, [
        ...SERVICE_TOPICS,
        { topic: eventsTopic, numPartitions: 6 },
        { topic: deadLetterTopic, numPartitions: 1 },
      ]);
      await ingestor.start();
    } catch (error) {
      this.failure = describeKafkaFailure(error, this.config);
      nestLogger.error({
        msg: `Kafka ingestion could not start; retrying in ${RESTART_DELAY_MS / 1000} s`,
        reason: this.failure,
      });
      if (!this.closing) {
        this.retry = setTimeout(() => {
          this.starting = this.start();
        }, RESTART_DELAY_MS);
        this.retry.unref();
      }
      return;
    }
    if (this.closing) {
      await ingestor.stop();
      return;
    }
    this.ingestor = ingestor;
    this.failure = undefined;
    nestLogger.log(`consuming ${eventsTopic} as group ${groupId}`);
  }
}

/** Why the consumer could not start, fit for logs and the public readiness probe: no host, user or password. */
export function describeKafkaFailure(error: unknown, config: ServiceConfig): string {
  const name = error instanceof Error ? error.name : typeof error;
  if (name === 'KafkaJSSASLAuthenticationError') {
    const mechanism = config.kafka.sasl?.mechanism.toUpperCase() ?? 'SASL';
    return `Kafka refused the ${mechanism} credentials (check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)`;
  }
  const message = error instanceof Error ? error.message : '';
  if (/certificate|self[- ]signed|SSL|TLS|wrong version number/i.test(message)) {
    return 'Kafka TLS handshake failed (check KAFKA_TLS and KAFKA_TLS_CA_FILE)';
  }
  if (/ECONNREFUSED|ENOTFOUND|Connection (error|timeout)|closed/i.test(message)) {
    return 'Kafka brokers cannot be reached (check KAFKA_BROKERS)';
  }
  return `Kafka consumer could not start (${name})`;
}

@Global()
@Module({
  providers: [
    {
      provide: KAFKA,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig): Kafka | undefined =>
        config.kafkaBrokers.length === 0
          ? undefined
          : createKafka({
              brokers: config.kafkaBrokers,
              clientId: 'ehcp-monitor',
              logger: messagingLogger,
              ...(config.kafka.tls === undefined ? {} : { tls: config.kafka.tls }),
              ...(config.kafka.sasl === undefined
                ? {}
                : { sasl: { ...config.kafka.sasl, password: config.kafka.sasl.password.reveal() } }),
            }),
    },
    {
      provide: KAFKA_PUBLISHER,
      inject: [KAFKA],
      useFactory: (kafka: Kafka | undefined): KafkaPublisher | undefined =>
        kafka === undefined ? undefined : new KafkaPublisher(kafka),
    },
    KafkaIngestion,
  ],
  exports: [KAFKA, KAFKA_PUBLISHER],
})
export class KafkaModule {}
