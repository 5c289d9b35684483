import kafkajs from 'kafkajs';
import type { Admin, Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from '../backoff.js';
import { DEAD_LETTER_PAYLOAD_HEADERS, deadLetterHeaders } from '../dead-letter.js';
import { decodeEnvelope } from '../decode.js';
import type {
  ConsumerLag,
  EnvelopeBatchHandler,
  EnvelopeHandler,
  EventIngestor,
  IngestionOutcome,
  IngestionStats,
  MessageContext,
} from '../ingestion.js';
import { stderrLogger, type MessagingLogger } from '../logger.js';
import { PATHWAY_EVENTS_DEAD_LETTER_TOPIC, PATHWAY_EVENTS_TOPIC } from '../topics.js';
import { readConsumerLag } from './topic-admin.js';

export interface KafkaEventIngestorOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly handle: EnvelopeHandler;
  /**
   * When given, messages are answered a chunk at a time (up to batchSize of one partition's fetched batch) by this
   * handler instead of one by one by `handle`: one call, hence one round of store work, per chunk.
   */
  readonly handleBatch?: EnvelopeBatchHandler;
  /** Messages per handleBatch call (default 500). */
  readonly batchSize?: number;
  readonly topic?: string;
  readonly deadLetterTopic?: string;
  /** Where a group with no committed offset starts; true (the default) reads every retained message. */
  readonly fromBeginning?: boolean;
  /**
   * Commit after this many handled messages (default 1,000), at least every commitIntervalMs (default 1 s), and
   * at the end of every batch. Each commit is a broker round trip; a larger window only means more harmless
   * redelivery after a crash.
   */
  readonly commitEvery?: number;
  readonly commitIntervalMs?: number;
  readonly backoff?: BackoffPolicy;
  /**
   * Attempts at a message whose handling throws before it is dead-lettered with the error (default 8, with the
   * backoff between them), so one poison message cannot hold its partition for good. A chunk that keeps failing is
   * answered message by message, so only the message that throws is dead-lettered.
   */
  readonly maxAttempts?: number;
  /** A message larger than this is dead-lettered without its payload, with its coordinates and size (default 900 KiB). */
  readonly maxDeadLetterBytes?: number;
  /** How long stop() waits for an in-flight handler before abandoning it (the message is then redelivered). */
  readonly stopGraceMs?: number;
  /** Partitions handled at once (default 1); order within a partition, hence within a case, is kept either way. */
  readonly partitionsConsumedConcurrently?: number;
  readonly sessionTimeoutMs?: number;
  /** The broker's long-poll wait; short keeps stop() quick. */
  readonly maxWaitTimeMs?: number;
  readonly logger?: MessagingLogger;
  readonly clock?: () => Date;
}

const ABANDONED = Symbol('abandoned');

/** One message of a chunk: where it came from, and its envelope or why it could not be decoded. */
interface ChunkMessage {
  readonly message: KafkaMessage;
  readonly context: MessageContext;
  readonly decoded: ReturnType<typeof decodeEnvelope>;
}

/**
 * Consumes pathway event envelopes from a topic in a consumer group and hands each to the handler, at least
 * once. A partition's position advances only past messages the handler has answered (accepted, duplicate, or
 * rejected and copied to the dead-letter topic), so a crash or a stop redelivers from the last answered
 * message. A handler that throws is retried with backoff on the same message; it is never skipped.
 * With `handleBatch`, a partition's fetched messages are answered a chunk at a time under the same rules: the
 * chunk's offsets are resolved only after its answer (and each rejected or unparseable message's dead letter), and
 * a thrown error retries the whole chunk.
 */
export class KafkaEventIngestor implements EventIngestor {
  private readonly topic: string;
  private readonly deadLetterTopic: string;
  private readonly logger: MessagingLogger;
  private readonly clock: () => Date;
  private readonly backoff: BackoffPolicy;
  private readonly maxAttempts: number;
  private readonly maxDeadLetterBytes: number;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private running = false;
  private stopping = false;
  private stopRequested = signal<void>();
  private abandon = signal<typeof ABANDONED>();
  private readonly counters = { handled: 0, accepted: 0, duplicates: 0, deadLettered: 0, retries: 0 };

  constructor(private readonly options: KafkaEventIngestorOptions) {
    this.topic = options.topic ?? PATHWAY_EVENTS_TOPIC;
    this.deadLetterTopic = options.deadLetterTopic ?? PATHWAY_EVENTS_DEAD_LETTER_TOPIC;
    this.logger = options.logger ?? stderrLogger;
    this.clock = options.clock ?? (() => new Date());
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.maxDeadLetterBytes = options.maxDeadLetterBytes ?? 900 * 1024;
  }

  async start(): Promise<void> {
    if (this.consumer !== undefined) return;
    this.stopping = false;
    this.stopRequested = signal<void>();
    this.abandon = signal<typeof ABANDONED>();
    const { kafka } = this.options;

    const producer = kafka.producer({
      createPartitioner: kafkajs.Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
    });
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: true,
    });
    this.producer = producer;
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error('consumer crashed', {
        groupId: this.options.groupId,
        error: payload.error.name,
        restart: payload.restart,
      });
      if (!payload.restart) this.running = false;
    });

    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topics: [this.topic], fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.processBatch(payload),
      });
    } catch (error) {
      await this.release();
      throw error;
    }
    this.running = true;
    this.logger.log('ingestion started', { topic: this.topic, groupId: this.options.groupId });
  }

  /** Finishes the message in hand (waiting at most stopGraceMs for its handler), commits, leaves the group. */
  async stop(): Promise<void> {
    if (this.consumer === undefined) return;
    this.stopping = true;
    this.stopRequested.fire();
    const grace = setTimeout(() => this.abandon.fire(ABANDONED), this.options.stopGraceMs ?? 10_000);
    try {
      await this.consumer.disconnect();
    } finally {
      clearTimeout(grace);
      await this.release();
      this.running = false;
      this.logger.log('ingestion stopped', { topic: this.topic, groupId: this.options.groupId });
    }
  }

  isRunning(): boolean {
    return this.running;
  }

  async lag(): Promise<ConsumerLag> {
    if (this.admin === undefined) {
      const admin = this.options.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return readConsumerLag(this.admin, this.topic, this.options.groupId);
  }

  stats(): IngestionStats {
    return { ...this.counters };
  }

  private async release(): Promise<void> {
    const { producer, admin } = this;
    this.consumer = undefined;
    this.producer = undefined;
    this.admin = undefined;
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const heartbeat = () => payload.heartbeat();
    const commitEvery = this.options.commitEvery ?? 1_000;
    const commitIntervalMs = this.options.commitIntervalMs ?? 1_000;
    let sinceCommit = 0;
    let lastCommit = Date.now();
    const commit = async () => {
      const pending = payload.uncommittedOffsets();
      if (pending.topics.length > 0) await payload.commitOffsetsIfNecessary(pending);
      sinceCommit = 0;
      lastCommit = Date.now();
    };

    const answered = async (message: KafkaMessage): Promise<void> => {
      payload.resolveOffset(message.offset);
      sinceCommit += 1;
      if (sinceCommit >= commitEvery || Date.now() - lastCommit >= commitIntervalMs) await commit();
    };
    const interrupted = (): boolean => this.stopping || !payload.isRunning() || payload.isStale();

    try {
      if (this.options.handleBatch !== undefined) {
        const size = Math.max(1, this.options.batchSize ?? 500);
        for (let start = 0; start < batch.messages.length; start += size) {
          if (interrupted()) break;
          const chunk = batch.messages.slice(start, start + size);
          const complete = await this.processChunk(batch.topic, batch.partition, chunk, heartbeat, answered);
          if (!complete) break;
          await heartbeat();
        }
      } else {
        for (const message of batch.messages) {
          if (interrupted()) break;
          if (!(await this.processMessage(batch.topic, batch.partition, message, heartbeat))) break;
          await answered(message);
          await heartbeat();
        }
      }
      await commit();
    } catch (error) {
      // Keep what was answered before the failure (a rebalance, a lost connection); the rest is redelivered.
      await commit().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Answers a chunk of one partition with one handleBatch call, then settles each message in order (counted, or
   * copied to the dead-letter topic), resolving its offset only once settled. True when every message was settled;
   * false when stopping interrupted the chunk (what was not settled stays uncommitted and is redelivered).
   */
  private async processChunk(
    topic: string,
    partition: number,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
    answered: (message: KafkaMessage) => Promise<void>,
  ): Promise<boolean> {
    const chunk: ChunkMessage[] = messages.map((message) => ({
      message,
      context: messageContext(topic, partition, message),
      decoded: decodeEnvelope(message.value),
    }));
    const handled = chunk.filter((entry) => entry.decoded.ok);
    const envelopes = handled.map((entry) => (entry.decoded.ok ? entry.decoded.envelope : undefined));
    const contexts = handled.map((entry) => entry.context);

    let outcomes: readonly IngestionOutcome[] = [];
    for (let attempt = 1; handled.length > 0; attempt += 1) {
      let answer: IngestionOutcome[] | typeof ABANDONED;
      try {
        const handling = this.options.handleBatch!(envelopes, contexts);
        handling.catch(() => undefined);
        answer = await Promise.race([handling, this.abandon.promise]);
        if (answer !== ABANDONED && answer.length !== handled.length) {
          throw new Error(`the handler answered ${answer.length} outcomes for ${handled.length} envelopes`);
        }
      } catch (error) {
        this.counters.retries += 1;
        if (this.stopping) return false;
        if (attempt >= this.maxAttempts) {
          // Answer the chunk message by message: only a message that keeps throwing is dead-lettered.
          for (const { message } of chunk) {
            if (!(await this.processMessage(topic, partition, message, heartbeat))) return false;
            await answered(message);
          }
          return true;
        }
        const delayMs = retryDelayMs(attempt, this.backoff);
        this.logger.warn('batch handler failed; retrying the same messages', {
          topic,
          partition,
          firstOffset: handled[0]!.context.offset,
          lastOffset: handled.at(-1)!.context.offset,
          attempt,
          delayMs,
          error: describeError(error),
        });
        if (!(await this.pause(delayMs, heartbeat))) return false;
        continue;
      }
      if (answer === ABANDONED) return false;
      outcomes = answer;
      break;
    }

    let next = 0;
    for (const { message, context, decoded } of chunk) {
      const settled = decoded.ok
        ? await this.settle(message, context, outcomes[next++]!, heartbeat)
        : await this.deadLetter(message, context, decoded.code, decoded.reason, heartbeat);
      if (!settled) return false;
      await answered(message);
    }
    return true;
  }

  /** True once the message is answered; false when stopping interrupted it (it stays uncommitted). */
  private async processMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const context = messageContext(topic, partition, message);
    const decoded = decodeEnvelope(message.value);
    if (!decoded.ok) return this.deadLetter(message, context, decoded.code, decoded.reason, heartbeat);

    for (let attempt = 1; ; attempt += 1) {
      let outcome: IngestionOutcome | typeof ABANDONED;
      try {
        const handling = this.options.handle(decoded.envelope, context);
        handling.catch(() => undefined);
        outcome = await Promise.race([handling, this.abandon.promise]);
      } catch (error) {
        this.counters.retries += 1;
        if (this.stopping) return false;
        if (attempt >= this.maxAttempts) {
          const reason = `handling failed ${attempt} times: ${describeError(error)}`;
          return this.deadLetter(message, context, 'handler-failed', reason, heartbeat);
        }
        const delayMs = retryDelayMs(attempt, this.backoff);
        this.logger.warn('handler failed; retrying the same message', {
          topic,
          partition,
          offset: message.offset,
          attempt,
          delayMs,
          error: describeError(error),
        });
        if (!(await this.pause(delayMs, heartbeat))) return false;
        continue;
      }
      if (outcome === ABANDONED) return false;
      return this.settle(message, context, outcome, heartbeat);
    }
  }

  /** Counts an answered message, or copies a rejected one to the dead-letter topic. */
  private async settle(
    message: KafkaMessage,
    context: MessageContext,
    outcome: IngestionOutcome,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    switch (outcome.status) {
      case 'accepted':
        this.counters.accepted += 1;
        this.counters.handled += 1;
        return true;
      case 'duplicate':
        this.counters.duplicates += 1;
        this.counters.handled += 1;
        return true;
      case 'rejected':
        return this.deadLetter(message, context, outcome.code, outcome.message, heartbeat);
      default: {
        const unexpected: never = outcome;
        throw new Error(`unknown handler outcome ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async deadLetter(
    message: KafkaMessage,
    context: MessageContext,
    code: string,
    reason: string,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const size = message.value?.length ?? 0;
    let withPayload = size <= this.maxDeadLetterBytes;
    const headersFor = (payload: boolean) => ({
      ...deadLetterHeaders(
        { code, reason, topic: context.topic, partition: context.partition, offset: context.offset },
        this.clock(),
        payload ? stringHeaders(message.headers) : {},
      ),
      ...(payload
        ? {}
        : { [DEAD_LETTER_PAYLOAD_HEADERS.omitted]: 'too-large', [DEAD_LETTER_PAYLOAD_HEADERS.size]: String(size) }),
    });
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.producer!.send({
          topic: this.deadLetterTopic,
          acks: -1,
          messages: [
            {
              key: withPayload ? message.key : null,
              value: withPayload ? message.value : null,
              headers: headersFor(withPayload),
            },
          ],
        });
        break;
      } catch (error) {
        if (this.stopping) return false;
        // The broker refuses the copy as too large: the letter goes without the payload (its coordinates say where).
        if (withPayload && /too large|MESSAGE_TOO_LARGE|RecordTooLarge/i.test(describeError(error))) {
          withPayload = false;
          continue;
        }
        const delayMs = retryDelayMs(attempt, this.backoff);
        this.logger.warn('dead-letter publish failed; retrying', {
          topic: context.topic,
          partition: context.partition,
          offset: context.offset,
          attempt,
          delayMs,
          error: describeError(error),
        });
        if (!(await this.pause(delayMs, heartbeat))) return false;
      }
    }
    this.counters.deadLettered += 1;
    this.counters.handled += 1;
    this.logger.warn('message dead-lettered', {
      topic: context.topic,
      partition: context.partition,
      offset: context.offset,
      code,
    });
    return true;
  }

  /** Waits between retries, heartbeating so the group keeps the partition; false when stop() cut it short. */
  private async pause(delayMs: number, heartbeat: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + delayMs;
    while (!this.stopping) {
      const remaining = until - Date.now();
      if (remaining <= 0) return true;
      await Promise.race([sleep(Math.min(remaining, 1_000)), this.stopRequested.promise]);
      if (!this.stopping) await heartbeat();
    }
    return false;
  }
}

function messageContext(topic: string, partition: number, message: KafkaMessage): MessageContext {
  return { topic, partition, offset: message.offset, key: message.key === null ? null : message.key.toString('utf8') };
}

interface Signal<T> {
  readonly promise: Promise<T>;
  fire(value: T): void;
}

function signal<T>(): Signal<T> {
  let fire!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

/** The error's kind and a bounded message: enough to diagnose, without echoing what the handler was given. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const message = error.message.length > 200 ? `${error.message.slice(0, 199)}…` : error.message;
  return `${error.name}: ${message}`;
}
