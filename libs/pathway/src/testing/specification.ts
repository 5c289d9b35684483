import { expect } from '@jest/globals';
import type { CalendarSettings } from '#calendar';
import type { CaseState } from '../case-state.js';
import { decide, type Decision, type RecordPathwayFact } from '../decide.js';
import type { PathwayEvent } from '../events.js';
import { foldCase } from '../evolve.js';
import type { RejectionCode } from '../rejections.js';

/**
 * Given events, when a command, then events or a rejection: the decider's tests read as the pathway does, with
 * no mocks (after Emmett's DeciderSpecification).
 */
export interface DeciderThen {
  /** The command was accepted and produced exactly these events. */
  then(expected: readonly PathwayEvent[]): CaseState;
  /** The command was rejected with this code; returns the sentence for further checks. */
  thenRejectedWith(code: RejectionCode): string;
  readonly decision: Decision;
}

export function given(events: readonly PathwayEvent[], settings?: CalendarSettings) {
  const state = foldCase(events);
  return {
    state,
    when(command: RecordPathwayFact): DeciderThen {
      const decision = decide(command, state, settings);
      return {
        decision,
        then(expected) {
          if (decision.kind === 'rejected') {
            throw new Error(`expected acceptance, got ${decision.code}: ${decision.message}`);
          }
          expect(decision.events).toEqual(expected);
          return foldCase([...events, ...decision.events]);
        },
        thenRejectedWith(code) {
          if (decision.kind === 'accepted') throw new Error(`expected rejection ${code}, got acceptance`);
          expect(decision.code).toBe(code);
          expect(decision.message.length).toBeGreaterThan(10);
          return decision.message;
        },
      };
    },
  };
}
