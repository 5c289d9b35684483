import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { generateLa } from '#synthetic';
import { caseClock } from './clock.js';
import { deriveCase } from './derive.js';
import type { PathwayEvent } from './events.js';
import { caseWorklist } from './worklist.js';

describe('the worklist over a calibrated synthetic LA', () => {
  it('lists no ceased or transferred-out case except by an appeal window still open, and no superseded step', () => {
    const histories = new Map<string, PathwayEvent[]>();
    for (const event of generateLa({ la: '202', seed: 1, plans: 150, years: 3 })) {
      histories.set(event.caseId, [...(histories.get(event.caseId) ?? []), event]);
    }
    const today = '2025-12-31';
    let ended = 0;
    let endedListed = 0;
    for (const events of histories.values()) {
      const state = deriveCase(events);
      const entries = caseWorklist(state, DEFAULT_CALENDAR_SETTINGS).filter(
        (e) => e.until === null || e.until >= today,
      );
      if (state.stage === 'ceased' || state.stage === 'transferred-out') {
        ended += 1;
        if (entries.length > 0) endedListed += 1;
        for (const entry of entries) {
          expect(entry.step).toBe('appeal-window');
          expect(entry.until! >= today).toBe(true);
        }
      }
      const superseded = new Set(caseClock(state, today).superseded.map((s) => `${s.kind} ${s.ref}`));
      for (const entry of entries) expect(superseded.has(`${entry.step} ${entry.ref}`)).toBe(false);
    }
    expect(ended).toBeGreaterThan(50);
    expect(endedListed).toBeLessThan(ended);
  });
});
