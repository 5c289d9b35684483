import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { stderrLogger, type MessagingLogger } from './logger.js';
import type { MessageHeaders, MessagePublisher } from './publisher.js';

/** A message written in the same transaction as the state that caused it, waiting to leave the system. */
export interface OutboxRecord {
  readonly id: string;
  readonly topic: string;
  /** Stable per fact (e.g. `<la>:<week>` for a rollup), so a consumer or a compacted topic keeps the latest. */
  readonly key: string;
  readonly payload: string;
  readonly headers?: MessageHeaders;
}

/**
 * Where the relay finds unpublished records. A SQL implementation reads the outbox table in write order
 * (with FOR UPDATE SKIP LOCKED or an advisory lock when several relays run) and marks rows after the broker
 * has acknowledged them.
 */
export interface OutboxStore {
  /** The oldest unpublished records, at most `limit`, in the order they were written. */
  pending(limit: number): Promise<readonly OutboxRecord[]>;
  markPublished(ids: readonly string[], at: Date): Promise<void>;
}

export interface OutboxRelayOptions {
  readonly store: OutboxStore;
  readonly publisher: MessagePublisher;
  readonly batchSize?: number;
  /** Wait between polls when the outbox is empty. */
  readonly idleMs?: number;
  readonly backoff?: BackoffPolicy;
  readonly logger?: MessagingLogger;
  readonly clock?: () => Date;
}

/**
 * Moves outbox records to the broker at least once: a record is marked published only after the broker has
 * acknowledged it, so a crash in between publishes it again under the same key.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly logger: MessagingLogger;
  private readonly clock: () => Date;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.logger = options.logger ?? stderrLogger;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Publishes one batch of pending records; returns how many were published. */
  async relayOnce(): Promise<number> {
    const records = await this.options.store.pending(this.batchSize);
    if (records.length === 0) return 0;
    for (const run of runsByTopic(records)) {
      await this.options.publisher.publishBatch(
        run.topic,
        run.records.map((record) => ({
          key: record.key,
          value: record.payload,
          ...(record.headers ? { headers: record.headers } : {}),
        })),
      );
    }
    await this.options.store.markPublished(
      records.map((record) => record.id),
      this.clock(),
    );
    this.published += records.length;
    return records.length;
  }

  /** Relays until stop(): batch after batch while records are pending, then polls every idleMs. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Records published since construction. */
  publishedCount(): number {
    return this.published;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const relayed = await this.relayOnce();
        failures = 0;
        if (relayed < this.batchSize) await this.sleep(this.options.idleMs ?? 1_000);
      } catch (error) {
        failures += 1;
        const delayMs = retryDelayMs(failures, this.options.backoff ?? DEFAULT_BACKOFF);
        this.logger.warn('outbox relay failed; retrying', {
          attempt: failures,
          delayMs,
          error: error instanceof Error ? error.name : typeof error,
        });
        await this.sleep(delayMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
/** Consecutive records of the same topic, so each publish is one request and write order is kept. */
function runsByTopic(records: readonly OutboxRecord[]): { topic: string; records: OutboxRecord[] }[] {
  const runs: { topic: string; records: OutboxRecord[] }[] = [];
  for (const record of records) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.topic === record.topic) last.records.push(record);
    else runs.push({ topic: record.topic, records: [record] });
  }
  return runs;
}
