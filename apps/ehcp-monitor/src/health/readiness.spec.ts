import { describe, expect, it } from '@jest/globals';
import type { ComponentState } from './component-states.js';
import { isReady, readiness } from './readiness.js';

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

describe('the reasons readiness gives', () => {
  it('names each component that is not ready, with a public reason only where the check gave one', () => {
    const states = base()
      .set('postgres', { up: false, details: {}, message: 'connect ECONNREFUSED 10.0.0.5:5432', checkedAt: now })
      .set('kafkaIngestion', {
        up: false,
        details: {},
        message: 'Kafka consumer of events is stalled: partition 1 (3 waiting, no progress for 61 s)',
        publicReason: 'Kafka consumer of events is stalled: partition 1 (3 waiting, no progress for 61 s)',
        checkedAt: now,
      });
    states.delete('migrations');
    expect(readiness(states, now)).toEqual({
      ready: false,
      reasons: {
        migrations: 'not checked yet',
        postgres: 'down',
        kafkaIngestion: 'Kafka consumer of events is stalled: partition 1 (3 waiting, no progress for 61 s)',
      },
    });
    expect(readiness(base(), now)).toEqual({ ready: true, reasons: {} });
  });
});
