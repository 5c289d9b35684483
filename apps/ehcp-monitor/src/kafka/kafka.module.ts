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
  createKafka,
  ensureTopics,
  type IngestionOutcome,
  type MessagingLogger,
} from '#messaging';
import { validatePathwayEvent } from '#pathway';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { HealthRegistry } from '../health/health.registry.js';
import { RecordPathwayFacts } from '../ingestion/record-facts.command.js';

/** The Kafka client, or undefined when KAFKA_BROKERS is unset (Kafka off). */
export const KAFKA = Symbol('KAFKA');
/** A connected KafkaPublisher, or undefined when Kafka is off. */
export const KAFKA_PUBLISHER = Symbol('KAFKA_PUBLISHER');

const nestLogger = new Logger('Kafka');
const messagingLogger: MessagingLogger = {
  log: (message, context) => nestLogger.log(`${message} ${JSON.stringify(context ?? {})}`),
  warn: (message, context) => nestLogger.warn(`${message} ${JSON.stringify(context ?? {})}`),
  error: (message, context) => nestLogger.error(`${message} ${JSON.stringify(context ?? {})}`),
};

/**
 * The answer for one Kafka message: the same command path as HTTP. A message whose shape is wrong is answered
 * "rejected" (so it goes to the dead-letter topic with the reason); a thrown error is retried by the consumer.
 */
export async function handleEnvelope(commandBus: CommandBus, envelope: unknown): Promise<IngestionOutcome> {
  const checked = validatePathwayEvent(envelope);
  if (!checked.ok) {
    const message = checked.errors.map((e) => `${e.path || '(envelope)'}: ${e.message}`).join('; ');
    return { status: 'rejected', code: 'invalid-envelope', message };
  }
  const [result] = await commandBus.execute(new RecordPathwayFacts(checked.event.la, [checked.event]));
  if (result === undefined) throw new Error('the command answered nothing for one fact');
  return result.status === 'rejected'
    ? { status: 'rejected', code: result.code, message: result.message }
    : { status: result.status };
}

@Injectable()
class KafkaIngestion implements OnApplicationBootstrap, OnApplicationShutdown {
  private ingestor: KafkaEventIngestor | undefined;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka | undefined,
    @Inject(KAFKA_PUBLISHER) private readonly publisher: KafkaPublisher | undefined,
    private readonly commandBus: CommandBus,
    private readonly health: HealthRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.kafka === undefined || !this.config.roles.has('ingest')) return;
    const { eventsTopic, deadLetterTopic, groupId } = this.config.kafka;
    await ensureTopics(this.kafka, [
      ...SERVICE_TOPICS,
      { topic: eventsTopic, numPartitions: 6 },
      { topic: deadLetterTopic, numPartitions: 1 },
    ]);
    const ingestor = new KafkaEventIngestor({
      kafka: this.kafka,
      groupId,
      topic: eventsTopic,
      deadLetterTopic,
      handle: (envelope) => handleEnvelope(this.commandBus, envelope),
      logger: messagingLogger,
    });
    await ingestor.start();
    this.ingestor = ingestor;
    this.health.register('kafkaIngestion', async () => {
      const lag = await ingestor.lag();
      return { running: ingestor.isRunning(), lag: lag.total, ...ingestor.stats() };
    });
    nestLogger.log(`consuming ${eventsTopic} as group ${groupId}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.ingestor?.stop();
    await this.publisher?.disconnect().catch(() => undefined);
  }
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
          : createKafka({ brokers: config.kafkaBrokers, clientId: 'ehcp-monitor', logger: messagingLogger }),
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
