import { describe, expect, it } from '@jest/globals';
import { generateLa } from '#synthetic';
import { caseClock } from './clock.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState, type CaseState } from './case-state.js';

describe('a calibrated synthetic feed, late facts, corrections, retractions and repeats included', () => {
  it('is refused only for its repeated eventIds, and every case has a clock', () => {
    const cases = new Map<string, CaseState>();
    const refused = new Map<string, number>();
    let sent = 0;
    for (const event of generateLa({ la: '202', seed: 5, plans: 150, years: 2 })) {
      sent++;
      const state = cases.get(event.caseId) ?? initialState;
      const now = (event.recordedAt ?? '2025-12-31').slice(0, 10);
      const decision = decide({ event, now }, state);
      if (decision.kind === 'rejected') {
        refused.set(decision.code, (refused.get(decision.code) ?? 0) + 1);
        continue;
      }
      cases.set(event.caseId, decision.events.reduce(evolve, state));
    }
    expect(sent).toBeGreaterThan(1000);
    expect([...refused.keys()].filter((code) => code !== 'duplicate-event')).toEqual([]);
    for (const state of cases.values()) {
      const clock = caseClock(state, '2025-12-31');
      expect(clock.stage).not.toBe('new');
      expect(
        clock.flags.filter((f) => f.code !== 'out-of-order' && f.code !== 'corrected' && f.code !== 'retracted'),
      ).toEqual([]);
    }
  });
});
