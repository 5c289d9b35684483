import type { ComponentState } from './component-states.js';

/** Checks readiness needs: the database, its migrations and the event store; the others when they are on. */
export const REQUIRED_COMPONENTS = ['postgres', 'migrations', 'eventStore'] as const;

/** A cached state older than this counts as unknown (the background refresh itself is stuck). */
const STALE_MS = 15_000;

export interface Readiness {
  readonly ready: boolean;
  /** Per component that is not ready, why: its public reason (ComponentDown), else a bare state. */
  readonly reasons: Readonly<Record<string, string>>;
}

/**
 * Ready when every required component answered recently and every other registered component is up (the projector
 * throws when it is stuck, the Kafka consumer when a partition stalls); the Kafka consumer must also be running
 * when Kafka ingestion is on.
 */
export function readiness(states: ReadonlyMap<string, ComponentState>, now: Date = new Date()): Readiness {
  const reasons: Record<string, string> = {};
  for (const name of REQUIRED_COMPONENTS) if (!states.has(name)) reasons[name] = 'not checked yet';
  for (const [name, state] of states) {
    const ageMs = now.getTime() - state.checkedAt.getTime();
    if (ageMs > STALE_MS) reasons[name] = `not checked for ${Math.floor(ageMs / 1000)} s`;
    else if (!state.up) reasons[name] = state.publicReason ?? 'down';
    else if (name === 'kafkaIngestion' && state.details.running === false) reasons[name] = 'consumer not running';
  }
  return { ready: Object.keys(reasons).length === 0, reasons };
}

export function isReady(states: ReadonlyMap<string, ComponentState>, now: Date = new Date()): boolean {
  return readiness(states, now).ready;
}
