import type { ConsumerLag } from './ingestion.js';

/** A partition with messages waiting whose committed offset has not moved for longer than the limit. */
export interface StalledPartition {
  readonly partition: number;
  readonly lag: number;
  /** How long its committed offset has stood still while messages waited. */
  readonly stalledForMs: number;
}

/**
 * Remembers, per partition, since when its committed offset has stood still with messages waiting, across lag
 * readings taken one after another (the health refresh). A partition with no lag, or whose committed offset moved
 * since the last reading, is making progress; one that stays behind without moving for longer than `limitMs` is
 * stalled: a handler blocked, a consumer paused, or a message retried over and over.
 */
export class StalledPartitions {
  private readonly since = new Map<number, { readonly committed: string | null; readonly at: number }>();

  constructor(private readonly limitMs: number) {}

  observe(lag: ConsumerLag, now: number = Date.now()): StalledPartition[] {
    const stalled: StalledPartition[] = [];
    for (const { partition, committedOffset, lag: behind } of lag.partitions) {
      const previous = this.since.get(partition);
      if (behind === 0 || previous === undefined || previous.committed !== committedOffset) {
        this.since.set(partition, { committed: committedOffset, at: now });
        continue;
      }
      const stalledForMs = now - previous.at;
      if (stalledForMs > this.limitMs) stalled.push({ partition, lag: behind, stalledForMs });
    }
    return stalled;
  }
}

/** One line for operators and the readiness probe: which partitions, how far behind, for how long. */
export function describeStalled(topic: string, stalled: readonly StalledPartition[]): string {
  const parts = stalled.map(
    ({ partition, lag, stalledForMs }) =>
      `partition ${partition} (${lag} waiting, no progress for ${Math.floor(stalledForMs / 1000)} s)`,
  );
  return `Kafka consumer of ${topic} is stalled: ${parts.join(', ')}`;
}
