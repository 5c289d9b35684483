import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { caseClock } from '#pathway';
import { syntheticCases } from '../../testing/synthetic-cases.js';
import { CaseFixture } from '../../testing/testbed.js';
import { projectCase } from './fold.js';

const day1 = { ...DEFAULT_CALENDAR_SETTINGS, countFrom: 'day1' as const };

function newPlanOf(projected: ReturnType<typeof projectCase>) {
  const fact = projected!.facts.find((row) => row.fact.kind === 'new-plan')!.fact;
  if (fact.kind !== 'new-plan') throw new Error('no new plan');
  return fact;
}

describe('projectCase: a case clock and its fact rows from the case history', () => {
  const edgeCase = () => {
    const fixture = new CaseFixture('900', 'EDGE');
    fixture.fact('AssessmentRequested', '2024-01-01', { requestSource: 'school', primaryNeed: 'ASD', team: 'north' });
    fixture.fact('AssessmentDecisionMade', '2024-02-01', { decision: 'assess' });
    const final = fixture.fact('FinalPlanIssued', '2024-05-20', {});
    return { fixture, final };
  };

  it('measures 20 weeks by the countFrom setting: day 140 is within from day 0, late from day 1', () => {
    const { fixture } = edgeCase();
    const day0Plan = newPlanOf(projectCase(fixture.events, DEFAULT_CALENDAR_SETTINGS));
    const day1Plan = newPlanOf(projectCase(fixture.events, day1));
    expect(day0Plan).toMatchObject({ daysTaken: 140, dueDate: '2024-05-20', cohort: 'new' });
    expect(day1Plan.dueDate).toBe('2024-05-19');
  });

  it('applies a correction of the final plan date', () => {
    const { fixture, final } = edgeCase();
    fixture.fact('EventCorrected', '2024-06-01', { correctedEventId: final.eventId, occurredOn: '2024-05-27' });
    expect(newPlanOf(projectCase(fixture.events, DEFAULT_CALENDAR_SETTINGS))).toMatchObject({
      issuedOn: '2024-05-27',
      daysTaken: 147,
    });
  });

  it('drops a retracted fact: the plan goes, the first review with it, and the request is open again', () => {
    const { fixture, final } = edgeCase();
    const before = projectCase(fixture.events, DEFAULT_CALENDAR_SETTINGS)!;
    expect(before.clock.nextDeadline).toEqual({ step: 'annual-review', due: '2025-05-19' });
    fixture.fact('EventRetracted', '2024-06-01', { retractedEventId: final.eventId, reason: 'wrong case' });
    const after = projectCase(fixture.events, DEFAULT_CALENDAR_SETTINGS)!;
    expect(after.facts.some((row) => row.fact.kind === 'new-plan' || row.fact.kind === 'plan')).toBe(false);
    expect(after.clock.nextDeadline).toEqual({ step: 'decide-whether-to-issue', due: '2024-04-22' });
    expect(after.clock.retractions).toHaveLength(1);
  });

  it('carries the case attributes on every fact row', () => {
    const { fixture } = edgeCase();
    const projected = projectCase(fixture.events, DEFAULT_CALENDAR_SETTINGS)!;
    expect(new Set(projected.facts.map((row) => `${row.primaryNeed}/${row.team}/${row.requestSource}`))).toEqual(
      new Set(['ASD/north/school']),
    );
  });

  it.each([
    ['day0', DEFAULT_CALENDAR_SETTINGS],
    ['day1', day1],
  ] as const)("agrees with the pathway's statutory clock on 6-week and 20-week timeliness (%s)", (_, settings) => {
    let compared = 0;
    for (const events of syntheticCases('900', 400, { seed: 21 })) {
      const projected = projectCase(events, settings)!;
      const clock = caseClock(events, '2030-01-01', settings);
      const cycle = clock.cycles[0]!;
      const request = projected.facts.find((row) => row.fact.kind === 'request-decision')!.fact;
      if (request.kind !== 'request-decision') throw new Error('no request');
      if (request.decisionDate !== null) {
        expect(request.decisionDate <= request.dueDate).toBe(cycle.assessmentDecision.status === 'on-time');
      }
      const plan = projected.facts.find((row) => row.fact.kind === 'new-plan')?.fact;
      if (plan?.kind === 'new-plan' && plan.cohort === 'new') {
        expect(plan.issuedOn <= plan.dueDate!).toBe(cycle.within20WeeksIncludingExceptions);
        expect(plan.hasException).toBe(cycle.exceptionApplies);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
