import type { ConsumerLag, PartitionLag } from './ingestion.js';

export interface PartitionWatermarks {
  readonly partition: number;
  readonly high: string;
  readonly low: string;
}

export interface CommittedOffset {
  readonly partition: number;
  /** Kafka reports "-1" for a partition the group has never committed. */
  readonly offset: string;
}

/**
 * Lag per partition: high watermark minus the committed offset. A partition with no commit counts every
 * message still retained (high minus low), since a new group reading from the beginning has all of them ahead.
 */
export function computeLag(
  topic: string,
  groupId: string,
  watermarks: readonly PartitionWatermarks[],
  committed: readonly CommittedOffset[],
): ConsumerLag {
  const committedByPartition = new Map(committed.map((entry) => [entry.partition, entry.offset]));
  const partitions: PartitionLag[] = [...watermarks]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, high, low }) => {
      const raw = committedByPartition.get(partition);
      const committedOffset = raw === undefined || BigInt(raw) < 0n ? null : raw;
      const from = committedOffset === null ? BigInt(low) : BigInt(committedOffset);
      const lag = BigInt(high) > from ? Number(BigInt(high) - from) : 0;
      return { partition, highWatermark: high, committedOffset, lag };
    });
  return { topic, groupId, total: partitions.reduce((sum, entry) => sum + entry.lag, 0), partitions };
}
