import { addDays, addWeeks } from '#calendar';
import type { PathwayEvent, PrimaryNeed, RequestSource } from '#pathway';
import { CaseFixture } from './testbed.js';

const NEEDS: PrimaryNeed[] = ['ASD', 'SEMH', 'SLCN', 'MLD', 'SPLD', 'PD', 'HI'];
const SOURCES: RequestSource[] = ['parent-or-young-person', 'school', 'health', 'social-care', 'other'];
const TEAMS = ['north', 'south', 'east', 'west'];

/** A small deterministic PRNG (mulberry32), so generated LAs are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Plausible pathways for `count` cases of one LA, requests spread over `years` years from `start`: most assessed,
 * most of those given a plan (some late, some with an exception), plans reviewed yearly until `until`, a few
 * amendments, cessations and appeals. For tests of the runner and for benchmarks, not calibrated.
 */
export function syntheticCases(
  la: string,
  count: number,
  options: { seed?: number; start?: string; years?: number; until?: string; casePrefix?: string } = {},
): PathwayEvent[][] {
  const next = random(options.seed ?? 1);
  const start = options.start ?? '2019-01-07';
  const years = options.years ?? 5;
  const until = options.until ?? addDays(start, years * 365);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  const cases: PathwayEvent[][] = [];
  for (let n = 0; n < count; n += 1) {
    const fixture = new CaseFixture(la, `${options.casePrefix ?? 'S'}${n}`);
    const requested = addDays(start, Math.floor(next() * years * 365));
    const birthYear = Number(requested.slice(0, 4)) - 3 - Math.floor(next() * 14);
    fixture.fact('AssessmentRequested', requested, {
      requestSource: pick(SOURCES),
      primaryNeed: pick(NEEDS),
      team: pick(TEAMS),
      birthMonth: `${birthYear}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`,
    });
    const decided = addDays(requested, 21 + Math.floor(next() * 35));
    if (decided > until) {
      cases.push(fixture.events);
      continue;
    }
    if (next() < 0.2) {
      fixture.fact('AssessmentDecisionMade', decided, { decision: 'refuse' });
      if (next() < 0.3) {
        fixture.fact('TribunalAppealRegistered', addDays(decided, 30), {
          appealId: `${fixture.caseId}-a`,
          against: 'refusal-to-assess',
          decisionDate: decided,
        });
        fixture.fact('TribunalAppealWithdrawn', addDays(decided, 90), { appealId: `${fixture.caseId}-a` });
      }
      cases.push(fixture.events);
      continue;
    }
    fixture.fact('AssessmentDecisionMade', decided, { decision: 'assess' });
    fixture.fact('AdviceRequested', addDays(decided, 2), { adviceFrom: 'educational-psychologist' });
    fixture.fact('AdviceReceived', addDays(decided, 40), { adviceFrom: 'educational-psychologist' });
    if (next() < 0.05) {
      fixture.fact('TimescaleExceptionApplied', addDays(decided, 10), {
        reason: 'personal-circumstances',
        from: addDays(decided, 10),
        to: addDays(decided, 50),
      });
    }
    const planDecision = addDays(requested, 90 + Math.floor(next() * 40));
    if (next() < 0.1) {
      fixture.fact('PlanDecisionMade', planDecision, { decision: 'no-plan' });
      cases.push(fixture.events);
      continue;
    }
    fixture.fact('PlanDecisionMade', planDecision, { decision: 'issue' });
    const draft = addDays(planDecision, 3);
    fixture.fact('DraftPlanIssued', draft, {});
    const final = addDays(draft, 15 + Math.floor(next() * (next() < 0.4 ? 90 : 30)));
    if (final > until) {
      cases.push(fixture.events);
      continue;
    }
    fixture.fact('FinalPlanIssued', final, {});
    let anchor = final;
    for (;;) {
      const meeting = addDays(anchor, 330 + Math.floor(next() * 80));
      if (meeting > until) break;
      fixture.fact('AnnualReviewMeetingHeld', meeting, {});
      const amend = next() < 0.3;
      fixture.fact('AnnualReviewDecisionNotified', addDays(meeting, 14 + Math.floor(next() * 28)), {
        decision: amend ? 'amend' : 'maintain',
      });
      if (amend) {
        const notice = addDays(meeting, 20);
        fixture.fact('AmendmentNoticeIssued', notice, {});
        fixture.fact('AmendedPlanIssued', addWeeks(notice, 6 + Math.floor(next() * 6)), {});
      }
      anchor = meeting;
      if (next() < 0.05) {
        fixture.fact('PlanCeased', addDays(meeting, 60), { reason: 2 });
        break;
      }
    }
    cases.push(fixture.events);
  }
  return cases;
}
