import { describe, expect, it } from '@jest/globals';
import { computeLag } from './lag.js';

describe('computeLag', () => {
  it('subtracts the committed offset from the high watermark per partition', () => {
    const lag = computeLag(
      'events',
      'ingest',
      [
        { partition: 1, high: '50', low: '0' },
        { partition: 0, high: '120', low: '0' },
      ],
      [
        { partition: 0, offset: '100' },
        { partition: 1, offset: '50' },
      ],
    );
    expect(lag.total).toBe(20);
    expect(lag.partitions).toEqual([
      { partition: 0, highWatermark: '120', committedOffset: '100', lag: 20 },
      { partition: 1, highWatermark: '50', committedOffset: '50', lag: 0 },
    ]);
  });

  it('counts every retained message on a partition the group never committed', () => {
    const lag = computeLag(
      'events',
      'ingest',
      [{ partition: 0, high: '30', low: '12' }],
      [{ partition: 0, offset: '-1' }],
    );
    expect(lag.partitions[0]).toEqual({ partition: 0, highWatermark: '30', committedOffset: null, lag: 18 });
    expect(computeLag('events', 'ingest', [{ partition: 0, high: '30', low: '12' }], []).total).toBe(18);
  });

  it('never reports negative lag when a commit is ahead of a truncated log', () => {
    expect(
      computeLag('events', 'ingest', [{ partition: 0, high: '5', low: '0' }], [{ partition: 0, offset: '9' }]).total,
    ).toBe(0);
  });
});
