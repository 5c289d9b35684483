import { describe, expect, it } from '@jest/globals';
import type { ComponentState } from './component-states.js';
import { isReady } from './readiness.js';

const now = new Date('2026-12-01T12:00:00Z');
const up = (details: Record<string, unknown> = {}, ageMs = 0): ComponentState => ({
  up: true,
  details,
  checkedAt: new Date(now.getTime() - ageMs),
});
const base = (): Map<string, ComponentState> =>
  new Map([
    ['postgres', up()],
    ['migrations', up()],
    ['eventStore', up({ headPosition: '10' })],
    ['projections', up({ secondsBehind: 0 })],
  ]);

describe('readiness from cached component states', () => {
  it('is ready when every component answered recently', () => {
    expect(isReady(base(), now)).toBe(true);
  });

  it('is not ready before the first checks, when one is down, or when its answer is stale', () => {
    expect(isReady(new Map(), now)).toBe(false);
    const missing = base();
    missing.delete('migrations');
    expect(isReady(missing, now)).toBe(false);
    const down = base().set('projections', { up: false, details: {}, message: 'stuck', checkedAt: now });
    expect(isReady(down, now)).toBe(false);
    expect(isReady(base().set('postgres', up({}, 60_000)), now)).toBe(false);
  });

  it('needs the Kafka consumer running when Kafka ingestion is on', () => {
    expect(isReady(base().set('kafkaIngestion', up({ running: true, lag: 0 })), now)).toBe(true);
    expect(isReady(base().set('kafkaIngestion', up({ running: false, lag: 0 })), now)).toBe(false);
  });
});
