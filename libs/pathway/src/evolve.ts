import type { PathwayEvent } from './events.js';
import type { CaseState } from './case-state.js';
import { deriveCase, deriveOneMore } from './derive.js';

/**
 * The case after one more recorded event. A fact that takes its place at the end of the case's timeline (the usual
 * case: facts arrive in date order) is replayed on from the state, touching only what it changes; one that arrives
 * late, a correction or a retraction re-derives the pathway from every accepted event in business-date order, so it
 * lands where it belongs. Either way the answer is the same as `foldCase` of the whole history.
 */
export function evolve(state: CaseState, event: PathwayEvent): CaseState {
  if (state.stage === 'new') return deriveCase([event]);
  return deriveOneMore(state, event) ?? deriveCase([...state.history, event]);
}

/** The case from its events in the order they were recorded (one derivation, rather than one per event). */
export function foldCase(events: readonly PathwayEvent[]): CaseState {
  return deriveCase(events);
}
