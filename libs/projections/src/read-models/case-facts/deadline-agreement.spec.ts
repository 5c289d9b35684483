import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type CalendarSettings } from '#calendar';
import { caseClock, deriveCase, pathwayTestFacts, type CaseClock, type ClockStep, type PathwayEvent } from '#pathway';
import { generateLa } from '#synthetic';
import { syntheticCases } from '../../testing/synthetic-cases.js';
import { deriveFacts } from './derive-facts.js';
import type { CaseFact } from './facts.js';

/** Every combination of the counting settings. */
const SETTINGS: CalendarSettings[] = (['day0', 'day1'] as const).flatMap((countFrom) =>
  (['strict', 'anniversary'] as const).flatMap((reviewDue) =>
    (['meeting', 'decision'] as const).map((nextReviewFrom) => ({ countFrom, reviewDue, nextReviewFrom })),
  ),
);

function byCase(events: Iterable<PathwayEvent>): PathwayEvent[][] {
  const cases = new Map<string, PathwayEvent[]>();
  for (const e of events) cases.set(e.caseId, [...(cases.get(e.caseId) ?? []), e]);
  return [...cases.values()];
}

/** Calibrated synthetic histories (phase transfers, amendments, appeals and orders, late facts, corrections). */
const HISTORIES: PathwayEvent[][] = [
  ...byCase(generateLa({ la: '202', seed: 11, plans: 120, years: 3 })),
  ...syntheticCases('203', 60, { seed: 3 }),
];

/** The on-time reading of a fact row: done on or before its due date. */
function onTime(done: string | null, due: string | null): boolean | null {
  return done === null || due === null ? null : done <= due;
}

function clockOnTime(step: ClockStep): boolean | null {
  return step.status === 'on-time' ? true : step.status === 'late' ? false : null;
}

/** Fact rows of one kind, grouped under the plan (its `new-plan` row) they follow. */
function rowsByPlan<K extends CaseFact['kind']>(facts: CaseFact[], kind: K): Extract<CaseFact, { kind: K }>[][] {
  const groups: Extract<CaseFact, { kind: K }>[][] = [];
  for (const fact of facts) {
    if (fact.kind === 'new-plan') groups.push([]);
    else if (fact.kind === kind) groups[groups.length - 1]?.push(fact as Extract<CaseFact, { kind: K }>);
  }
  return groups;
}

function expectAgreement(clock: CaseClock, facts: CaseFact[]): void {
  const requests = facts.filter((f) => f.kind === 'request-decision');
  expect(requests).toHaveLength(clock.cycles.length);
  clock.cycles.forEach((cycle, i) => {
    const row = requests[i]!;
    expect([row.dueDate, row.sixteenWeekDate, row.twentyWeekDate]).toEqual([
      cycle.assessmentDecision.due,
      cycle.noPlanNotice.due,
      cycle.finalPlan.due,
    ]);
    if (clockOnTime(cycle.assessmentDecision) !== null) {
      expect(onTime(row.decisionDate, row.dueDate)).toBe(clockOnTime(cycle.assessmentDecision));
    }
  });
  const noPlans = facts.filter((f) => f.kind === 'no-plan-notice');
  const noPlanCycles = clock.cycles.filter((c) => c.planDecision?.decision === 'no-plan');
  expect(noPlans.map((f) => [f.dueDate, onTime(f.noticeDate, f.dueDate)])).toEqual(
    noPlanCycles.map((c) => [c.noPlanNotice.due, c.noPlanNotice.done! <= c.noPlanNotice.due!]),
  );

  const newPlans = facts.filter((f) => f.kind === 'new-plan');
  expect(newPlans).toHaveLength(clock.plans.length);
  const reviews = rowsByPlan(facts, 'annual-review');
  const amendments = rowsByPlan(facts, 'amendment');
  const transfers = rowsByPlan(facts, 'phase-transfer');
  clock.plans.forEach((plan, p) => {
    const cycle = plan.cycleIndex === null ? undefined : clock.cycles[plan.cycleIndex];
    if (plan.source === 'new' && cycle) {
      expect(newPlans[p]!.dueDate).toBe(cycle.finalPlan.due);
      expect(onTime(newPlans[p]!.issuedOn, newPlans[p]!.dueDate)).toBe(cycle.within20WeeksIncludingExceptions);
    }
    expect(
      reviews[p]!.map((r) => ({
        due: r.dueDate,
        held: r.meetingDate,
        onTime: onTime(r.meetingDate, r.dueDate),
        decisionDue: r.decisionDueDate,
        decisionOnTime: onTime(r.decisionDate, r.decisionDueDate),
      })),
    ).toEqual(
      plan.reviews.map((r) => ({
        due: r.meeting.due,
        held: r.meeting.done,
        onTime: clockOnTime(r.meeting),
        decisionDue: r.meeting.done === null ? null : r.decision.due,
        decisionOnTime: r.decision.done === null ? null : clockOnTime(r.decision),
      })),
    );
    expect(amendments[p]!.map((a) => [a.dueDate, a.amendedOn, onTime(a.amendedOn, a.dueDate)])).toEqual(
      plan.amendments.map((a) => [a.amendedPlan.due, a.amendedPlan.done, clockOnTime(a.amendedPlan)]),
    );
    const phase = plan.reviews.flatMap((r) => (r.phaseTransfer ? [r.phaseTransfer] : []));
    expect(transfers[p]!.map((t) => [t.deadline, t.amendedOn, onTime(t.amendedOn, t.deadline)])).toEqual(
      phase.map((t) => [t.due, t.done, t.done === null ? null : t.done <= t.due!]),
    );
  });

  const appeals = facts.filter((f) => f.kind === 'tribunal-appeal');
  expect(appeals.flatMap((a) => a.orders.map((o) => [o.dueDate, o.compliedOn]))).toEqual(
    clock.appeals.flatMap((a) => a.orders.map((o) => [o.compliance.due, o.compliance.done])),
  );
}

describe('one deadline model: the case clock and the fact rows agree on every step', () => {
  it('has histories with phase transfers, amendments and tribunal orders to compare', () => {
    const all = HISTORIES.flat().map((e) => e.type);
    for (const type of ['AmendedPlanIssued', 'AnnualReviewMeetingHeld', 'TribunalAppealDecided', 'PlanCeased']) {
      expect(all).toContain(type);
    }
    expect(
      HISTORIES.some((h) => h.some((e) => e.type === 'AnnualReviewMeetingHeld' && 'phaseTransfer' in e.data)),
    ).toBe(true);
  });

  it('on each due date and on-time status, under every combination of settings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HISTORIES),
        fc.constantFrom(...SETTINGS),
        fc.constantFrom('2024-06-30', '2026-01-31', '2030-12-31'),
        (history, settings, asOf) => {
          const state = deriveCase(history);
          if (state.stage === 'new') return;
          expectAgreement(caseClock(state, asOf, settings), deriveFacts(state, settings));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('under COUNT_FROM=day1 a review decision and an amended plan on the last day0 date are late in both', () => {
    const { facts: f } = pathwayTestFacts;
    const state = deriveCase([
      f.requested('2023-01-09'),
      f.decidedToAssess('2023-02-01'),
      f.final('2023-05-10'),
      f.reviewMeeting('2024-04-01'),
      f.reviewDecision('2024-04-29', 'amend'), // meeting + 28 days
      f.amendmentNotice('2024-04-29'),
      f.amendedPlan('2024-06-24'), // notice + 56 days
    ]);
    if (state.stage === 'new') throw new Error('no case');
    const day1: CalendarSettings = { countFrom: 'day1', reviewDue: 'strict', nextReviewFrom: 'meeting' };
    const rows = deriveFacts(state, day1);
    const review = rows.find((r) => r.kind === 'annual-review' && r.meetingDate !== null);
    const amendment = rows.find((r) => r.kind === 'amendment');
    expect(review).toMatchObject({ decisionDueDate: '2024-04-28', decisionDate: '2024-04-29' });
    expect(amendment).toMatchObject({ dueDate: '2024-06-23', amendedOn: '2024-06-24' });
    const plan = caseClock(state, '2024-07-01', day1).plans[0]!;
    expect(plan.reviews[0]!.decision.status).toBe('late');
    expect(plan.amendments[0]!.amendedPlan.status).toBe('late');
  });
});
