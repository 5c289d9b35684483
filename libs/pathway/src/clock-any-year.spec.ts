import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, resolveCalendarSettings } from '#calendar';
import { caseClock } from './clock.js';
import { facts } from './testing/builders.js';

/** A date from 1990 to 2100 as a day offset from 1 January 1990 (2100-12-31 is day 40541). */
const dayIn1990To2100 = fc.integer({ min: 0, max: 40541 }).map((n) => addDays('1990-01-01', n));

describe('the case clock for any date from 1990 to 2100', () => {
  it('answers every step of a full pathway, tribunal orders and appeal windows included, without an error', () => {
    fc.assert(
      fc.property(
        dayIn1990To2100,
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom('day0', 'day1'),
        fc.constantFrom('strict', 'anniversary'),
        (request, lookAhead, countFrom, reviewDue) => {
          const at = (n: number): string => addDays(request, n);
          const events = [
            facts.requested(at(0)),
            facts.refusedToAssess(at(40)),
            facts.mediation(at(60), at(40)),
            facts.appealRegistered(at(70), 'A1', at(40)),
            facts.appealDecided(at(200), 'A1', [{ orderId: 'O1', kind: 'assess' }]),
            facts.decidedToAssess(at(210)),
            facts.draft(at(260)),
            facts.final(at(290)),
            facts.reviewMeeting(at(640), { toPhase: 'secondary', transferYear: Number(at(640).slice(0, 4)) + 1 }),
            facts.reviewDecision(at(660), 'amend'),
            facts.amendmentNotice(at(660)),
            facts.amendedPlan(at(700)),
            facts.ceased(at(1000), 2),
          ];
          const clock = caseClock(events, at(lookAhead), resolveCalendarSettings({ countFrom, reviewDue }));
          expect(clock.appeals[0]!.appealDeadline >= at(40)).toBe(true);
          expect(clock.appealWindows.length).toBeGreaterThanOrEqual(3);
        },
      ),
    );
  });
});
