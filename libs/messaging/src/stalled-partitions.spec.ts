import { describe, expect, it } from '@jest/globals';
import type { ConsumerLag } from './ingestion.js';
import { StalledPartitions, describeStalled } from './stalled-partitions.js';

function reading(...partitions: Array<[committed: string | null, lag: number]>): ConsumerLag {
  return {
    topic: 'events',
    groupId: 'ingest',
    total: partitions.reduce((sum, [, lag]) => sum + lag, 0),
    partitions: partitions.map(([committedOffset, lag], partition) => ({
      partition,
      committedOffset,
      lag,
      highWatermark: String(Number(committedOffset ?? 0) + lag),
    })),
  };
}

describe('StalledPartitions', () => {
  it('reports a partition behind whose committed offset stands still past the limit, and forgets it once it moves', () => {
    const watch = new StalledPartitions(60_000);
    expect(watch.observe(reading(['10', 5], ['7', 0]), 0)).toEqual([]);
    expect(watch.observe(reading(['10', 5], ['7', 0]), 60_000)).toEqual([]);
    expect(watch.observe(reading(['10', 9], ['7', 0]), 61_000)).toEqual([
      { partition: 0, lag: 9, stalledForMs: 61_000 },
    ]);
    // It moved: progress, whatever the lag.
    expect(watch.observe(reading(['12', 9], ['7', 0]), 62_000)).toEqual([]);
    expect(watch.observe(reading(['12', 9], ['7', 0]), 100_000)).toEqual([]);
    expect(watch.observe(reading(['12', 9], ['7', 0]), 123_000)).toHaveLength(1);
  });

  it('counts the wait from the last reading without lag, and never reports an idle partition', () => {
    const watch = new StalledPartitions(1_000);
    expect(watch.observe(reading(['3', 0]), 0)).toEqual([]);
    expect(watch.observe(reading(['3', 0]), 50_000)).toEqual([]);
    expect(watch.observe(reading(['3', 2]), 50_500)).toEqual([]);
    expect(watch.observe(reading(['3', 2]), 51_500)).toEqual([{ partition: 0, lag: 2, stalledForMs: 1_500 }]);
    // A group that never committed and does not start counts as standing still too.
    const fresh = new StalledPartitions(1_000);
    fresh.observe(reading([null, 4]), 0);
    expect(fresh.observe(reading([null, 4]), 2_000)).toEqual([{ partition: 0, lag: 4, stalledForMs: 2_000 }]);
  });

  it('describes the stall without payloads', () => {
    expect(describeStalled('events', [{ partition: 2, lag: 12, stalledForMs: 65_400 }])).toBe(
      'Kafka consumer of events is stalled: partition 2 (12 waiting, no progress for 65 s)',
    );
  });
});
