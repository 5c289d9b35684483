import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { decide, deriveCase, deriveOneMore, evolve, initialState, type CaseState, type PathwayEvent } from '#pathway';
import { generateLa } from './generate-la.js';

/** A synthetic LA's feed with every kind of noise: late, out of order, corrected, retracted and repeated facts. */
function noisyFeed(seed: number, plans: number): Iterable<PathwayEvent> {
  return generateLa({
    la: '202',
    seed,
    plans,
    noise: { late: 0.05, outOfOrder: 0.05, corrections: 0.05, retractions: 0.05, duplicates: 0.05 },
  });
}

describe('generated events against the pathway decider', () => {
  it('are all accepted, case by case, except the repeats the feed sends on purpose', () => {
    const states = new Map<string, CaseState>();
    const rejections: string[] = [];
    const sentIds = new Set<string>();
    let repeats = 0;
    let accepted = 0;
    const events = noisyFeed(21, 800);
    for (const event of events) {
      const state = states.get(event.caseId) ?? initialState;
      // The feed's own send date is the day the fact reaches the service.
      const decision = decide({ event, now: event.recordedAt!.slice(0, 10) }, state);
      if (decision.kind === 'rejected') {
        if (decision.code === 'duplicate-event' && sentIds.has(event.eventId)) repeats++;
        else rejections.push(`${decision.code}: ${decision.message}`);
        continue;
      }
      sentIds.add(event.eventId);
      accepted++;
      states.set(event.caseId, decision.events.reduce(evolve, state));
    }
    expect(rejections).toEqual([]);
    expect(repeats).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(20_000);
    // Nothing the feed sends reads as a fact that does not fit the pathway.
    const misfits = [...states.values()].flatMap((state) =>
      state.stage === 'new'
        ? []
        : state.flags.filter((flag) =>
            ['step-without-predecessor', 'plan-without-request', 'repeated-step', 'request-while-open'].includes(
              flag.code,
            ),
          ),
    );
    expect(misfits).toEqual([]);
  });

  it('evolve, replaying on from the state, gives the case derived again from its whole history, fact by fact', () => {
    const histories = new Map<string, PathwayEvent[]>();
    const states = new Map<string, CaseState>();
    let steps = 0;
    let onward = 0;
    const differ: string[] = [];
    const changed: string[] = [];
    const events = noisyFeed(22, 300);
    for (const event of events) {
      const state = states.get(event.caseId) ?? initialState;
      const decision = decide({ event, now: event.recordedAt!.slice(0, 10) }, state);
      if (decision.kind === 'rejected') continue;
      const history = [...(histories.get(event.caseId) ?? []), ...decision.events];
      histories.set(event.caseId, history);
      if (state.stage !== 'new' && deriveOneMore(state, event) !== undefined) onward++;
      const before = JSON.stringify(state);
      const next = decision.events.reduce(evolve, state);
      states.set(event.caseId, next);
      steps++;
      if (!isDeepStrictEqual(next, deriveCase(history)) && differ.length < 5) {
        differ.push(`${event.caseId} ${event.type}`);
      }
      // The state evolved from is left as it was (the write path's case cache may still hold it).
      if (JSON.stringify(state) !== before && changed.length < 5) {
        changed.push(`${event.caseId} ${event.type}`);
      }
    }
    expect(differ).toEqual([]);
    expect(changed).toEqual([]);
    expect(steps).toBeGreaterThan(5_000);
    // Most facts arrive in date order and take the replay onward; the rest are placed by the whole derivation.
    expect(onward / steps).toBeGreaterThan(0.7);
    expect(onward).toBeLessThan(steps);
  });
});
