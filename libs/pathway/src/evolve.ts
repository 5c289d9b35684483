import type { PathwayEvent } from './events.js';
import type { CaseState } from './case-state.js';
import { deriveCase } from './derive.js';

/**
 * The case after one more recorded event. The state keeps every accepted event and re-derives the pathway from them
 * in business-date order, so an event that arrives late, a correction or a retraction lands where it belongs.
 * O(n log n) in the case's events (a case holds tens of them).
 */
export function evolve(state: CaseState, event: PathwayEvent): CaseState {
  return deriveCase(state.stage === 'new' ? [event] : [...state.history, event]);
}

/** The case from its events in the order they were recorded (one derivation, rather than one per event). */
export function foldCase(events: readonly PathwayEvent[]): CaseState {
  return deriveCase(events);
}
