import type { ComponentState } from './component-states.js';

/** Checks readiness needs: the database, its migrations and the event store; the others when they are on. */
export const REQUIRED_COMPONENTS = ['postgres', 'migrations', 'eventStore'] as const;

/** A cached state older than this counts as unknown (the background refresh itself is stuck). */
const STALE_MS = 15_000;

/**
 * Ready when every required component answered recently and every other registered component is up (the projector
 * throws when it is stuck); the Kafka consumer must also be running when Kafka ingestion is on.
 */
export function isReady(states: ReadonlyMap<string, ComponentState>, now: Date = new Date()): boolean {
  if (REQUIRED_COMPONENTS.some((name) => !states.has(name))) return false;
  for (const [name, state] of states) {
    if (!state.up || now.getTime() - state.checkedAt.getTime() > STALE_MS) return false;
    if (name === 'kafkaIngestion' && state.details.running === false) return false;
  }
  return true;
}
