import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '#calendar';
import { caseClock } from './clock.js';
import { decide } from './decide.js';
import type { PathwayEvent } from './events.js';
import { evolve, foldCase } from './evolve.js';
import { initialState, type CaseState } from './case-state.js';
import { facts } from './testing/builders.js';

/** A coherent pathway: a request, its decisions, draft and final plan, then yearly reviews. */
const pathway = fc
  .record({
    start: fc.integer({ min: 0, max: 3000 }),
    gaps: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 4, maxLength: 4 }),
    reviews: fc.integer({ min: 0, max: 4 }),
    withException: fc.boolean(),
  })
  .map(({ start, gaps, reviews, withException }) => {
    const r = addDays('2015-01-05', start);
    let d = r;
    const next = (n: number): string => (d = addDays(d, n));
    const events: PathwayEvent[] = [facts.requested(r)];
    events.push(facts.decidedToAssess(next(gaps[0]!)));
    if (withException) events.push(facts.exception(d, d, addDays(d, 35)));
    events.push(facts.decidedToIssue(next(gaps[1]!)), facts.draft(next(gaps[2]!)), facts.final(next(gaps[3]! + 14)));
    for (let i = 0; i < reviews; i++) {
      events.push(facts.reviewMeeting(next(300)), facts.reviewDecision(next(10), 'maintain'));
    }
    return events;
  });

const now = '2030-12-31';

function structure(state: CaseState) {
  if (state.stage === 'new') return state;
  const { cycles, plans, appeals, details, stage } = state;
  return { cycles, plans, appeals, details, stage };
}

describe('arrival order does not change the pathway', () => {
  it('accepts every arrival order of a coherent pathway and folds to the same cycles and plans', () => {
    fc.assert(
      fc.property(
        pathway.chain((events) =>
          fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
        ),
        ([events, arrival]) => {
          let state: CaseState = initialState;
          for (const event of arrival) {
            const decision = decide({ event, now }, state);
            expect(decision.kind).toBe('accepted');
            state = evolve(state, event);
          }
          expect(structure(state)).toEqual(structure(foldCase(events)));
          const clock = caseClock(state, now);
          expect(clock).toEqual(JSON.parse(JSON.stringify(clock)));
          expect(clock.cycles[0]?.finalPlan.status).toMatch(/^(on-time|late)$/);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('flags exactly the facts recorded after a later-dated one', () => {
    fc.assert(
      fc.property(pathway, (events) => {
        const reversed = [...events].reverse();
        const state = foldCase(reversed);
        if (state.stage === 'new') throw new Error('expected facts');
        const flagged = state.flags.filter((f) => f.code === 'out-of-order').map((f) => f.eventId);
        const expected = reversed.filter((e, i) => reversed.slice(0, i).some((p) => p.occurredOn > e.occurredOn));
        expect(flagged.sort()).toEqual(expected.map((e) => e.eventId).sort());
      }),
      { numRuns: 50 },
    );
  });

  it('undoes a correction when the correction is retracted', () => {
    fc.assert(
      fc.property(pathway, fc.nat(), fc.integer({ min: -20, max: 20 }), (events, pick, shift) => {
        const target = events[pick % events.length]!;
        const correction = facts.corrected(now, target.eventId, { occurredOn: addDays(target.occurredOn, shift) });
        const corrected = foldCase([...events, correction]);
        if (corrected.stage === 'new') throw new Error('expected facts');
        expect(corrected.timeline.find((f) => f.event.eventId === target.eventId)?.event.occurredOn).toBe(
          addDays(target.occurredOn, shift),
        );
        const undone = foldCase([...events, correction, facts.retracted(now, correction.eventId)]);
        expect(structure(undone)).toEqual(structure(foldCase(events)));
      }),
      { numRuns: 100 },
    );
  });
});
