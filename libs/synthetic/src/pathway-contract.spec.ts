import { describe, expect, it } from '@jest/globals';
import { decide, evolve, initialState, type CaseState } from '#pathway';
import { generateLa } from './generate-la.js';

describe('generated events against the pathway decider', () => {
  it('are all accepted, case by case, except the repeats the feed sends on purpose', () => {
    const states = new Map<string, CaseState>();
    const rejections: string[] = [];
    const sentIds = new Set<string>();
    let repeats = 0;
    let accepted = 0;
    const events = generateLa({
      la: '202',
      seed: 21,
      plans: 800,
      noise: { late: 0.05, outOfOrder: 0.05, corrections: 0.05, retractions: 0.05, duplicates: 0.05 },
    });
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
});
