import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { decide, deriveCase, pathwayTestFacts, type CaseRecord, type PathwayEvent } from '#pathway';
import { deriveFacts, factCase, type FactRow } from '#projections';
import { placements } from './placements.js';

const { facts, fact } = pathwayTestFacts;

/** The fact rows of each case from its events, as the projector derives them. */
function rowsOf(cases: Readonly<Record<string, readonly PathwayEvent[]>>): FactRow[] {
  return Object.entries(cases).flatMap(([caseId, events]) => {
    const state = deriveCase(events.map((e) => ({ ...e, caseId })));
    if (state.stage === 'new') return [];
    const record: CaseRecord = state;
    return deriveFacts(record, DEFAULT_CALENDAR_SETTINGS).map((f) => ({ ...factCase(record), fact: f }));
  });
}

const plan = (issued: string, ...rest: PathwayEvent[]): PathwayEvent[] => [
  facts.requested('2023-01-09', { birthMonth: '2015-03', primaryNeed: 'ASD' }),
  facts.decidedToAssess('2023-02-01'),
  facts.decidedToIssue('2023-04-03'),
  facts.draft('2023-04-03'),
  facts.final(issued),
  ...rest,
];

describe('placements on a census date', () => {
  const moved = facts.placement('2023-09-04', 'special-independent', 'out-of-area');
  const keyedWrong = facts.placement('2023-05-02', 'pupil-referral-unit');
  const cases = {
    a: plan('2023-05-02', facts.placement('2023-05-02', 'mainstream-academy'), moved),
    b: plan('2023-05-02', facts.placement('2023-05-02', 'mainstream-la-maintained-sen-unit')),
    c: plan(
      '2023-05-02',
      keyedWrong,
      facts.corrected('2023-06-01', keyedWrong.eventId, { data: { setting: 'special-non-maintained' } }),
    ),
    d: plan('2023-05-02'),
    e: plan('2023-05-02', facts.placement('2023-05-02', 'further-education-college'), facts.ceased('2023-12-01')),
  };
  const census = { from: '2024-01-18', to: '2024-01-18', groupBy: 'month' as const, includeCases: true };

  it('counts every plan held on the day in the placement it had then, corrections applied', () => {
    const figures = placements(rowsOf(cases), census, '2024-06-30').total.figures;
    expect(figures['plansHeld']?.numerator).toBe(4);
    expect(figures['mainstream']).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(figures['mainstreamLaMaintainedSenUnit']?.numerator).toBe(1);
    // a moved to an independent special school out of area; c's placement was corrected to a non-maintained one.
    expect(figures['independentOrNonMaintainedSpecial']).toMatchObject({ numerator: 2, denominator: 4 });
    expect(figures['independentOrNonMaintainedSpecial']?.cases?.numerator).toEqual(['a', 'c']);
    expect(figures['outOfArea']).toMatchObject({ numerator: 1, denominator: 4 });
    expect(figures['pupilReferralUnit']?.numerator).toBe(0);
    expect(figures['notRecorded']?.cases?.numerator).toEqual(['d']);
    expect(figures['postSixteen']?.numerator).toBe(0);
  });

  it('follows each placement over a monthly trend, and a retraction takes one back', () => {
    const trend = placements(
      rowsOf({ ...cases, a: [...cases.a, facts.retracted('2024-02-01', moved.eventId)] }),
      { from: '2023-06-01', to: '2023-12-31', groupBy: 'month' },
      '2024-06-30',
    );
    const share = (key: string, measure: string) =>
      trend.groups.find((g) => g.period === key)?.figures[measure]?.numerator;
    expect(share('2023-06', 'mainstream')).toBe(2);
    expect(share('2023-09', 'independentOrNonMaintainedSpecial')).toBe(1);
    expect(share('2023-09', 'outOfArea')).toBe(0);
    expect(share('2023-11', 'postSixteen')).toBe(1);
    expect(share('2023-12', 'postSixteen')).toBe(0);
  });

  it('breaks down by need and age band like every KPI', () => {
    const report = placements(rowsOf(cases), { ...census, breakdown: 'ageBand' }, '2024-06-30');
    expect(report.total.breakdown?.['5-10']?.['plansHeld']?.numerator).toBe(4);
  });
});

describe('the placement fact', () => {
  it('is refused with an unknown setting or area, and accepted as a correction only with a known one', () => {
    const history = plan('2023-05-02');
    const state = deriveCase(history);
    const bad = fact('PlacementRecorded', '2023-06-01', { setting: 'boarding-school', area: 'abroad' } as never);
    const refused = decide({ event: bad, now: '2024-01-01' }, state);
    expect(refused.kind).toBe('rejected');
    const placement = facts.placement('2023-06-01', 'special-la-maintained');
    const withPlacement = deriveCase([...history, placement]);
    const badFix = facts.corrected('2023-07-01', placement.eventId, { data: { setting: 'castle' } });
    expect(decide({ event: badFix, now: '2024-01-01' }, withPlacement).kind).toBe('rejected');
    const fix = facts.corrected('2023-07-01', placement.eventId, { data: { area: 'out-of-area' } });
    expect(decide({ event: fix, now: '2024-01-01' }, withPlacement).kind).toBe('accepted');
  });

  it('recorded with no plan in force is flagged and places nothing', () => {
    const state = deriveCase([facts.requested('2024-01-08'), facts.placement('2024-01-10', 'neet')]);
    expect(state.stage).not.toBe('new');
    if (state.stage === 'new') return;
    expect(state.flags.map((f) => f.code)).toContain('step-without-predecessor');
    expect(state.plans).toEqual([]);
  });
});
