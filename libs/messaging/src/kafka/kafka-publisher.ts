import kafkajs from 'kafkajs';
import type { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import type { KeyedMessage, MessageHeaders, MessagePublisher } from '../publisher.js';

/**
 * Publishes keyed messages with the Java client's partitioner (the same key lands on the same partition
 * whichever client wrote it) and one request in flight, so a retried send cannot reorder a key's messages.
 */
export class KafkaPublisher implements MessagePublisher {
  private readonly producer: Producer;
  private connection: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
    });
  }

  connect(): Promise<void> {
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  async publish(topic: string, key: string, value: string | Buffer | null, headers?: MessageHeaders): Promise<void> {
    await this.publishBatch(topic, [{ key, value, ...(headers ? { headers } : {}) }]);
  }

  /** One request for many messages; resolves once every one is acknowledged by all in-sync replicas. */
  async publishBatch(topic: string, messages: readonly KeyedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    await this.producer.send({ topic, acks: -1, messages: messages.map(toKafkaMessage) });
  }

  async disconnect(): Promise<void> {
    if (this.connection === undefined) return;
    this.connection = undefined;
    await this.producer.disconnect();
  }
}

function toKafkaMessage(message: KeyedMessage): Message {
  const headers: IHeaders | undefined = message.headers ? { ...message.headers } : undefined;
  return { key: message.key, value: message.value, ...(headers ? { headers } : {}) };
}
