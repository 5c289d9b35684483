import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { describe, expect, it } from '@jest/globals';
import { pendingDeadlines, type AppealableDecisionFact } from '#projections';
import { factsOn } from './facts-on.js';
import { computeRollup, factRange } from './rollup.js';
import { appeal, newPlan, plan, request, review, row } from './testing/fact-rows.js';
import { weekWindow } from './weeks.js';

const decision = (decision: AppealableDecisionFact['decision'], decidedOn: string): AppealableDecisionFact => ({
  kind: 'appealable-decision',
  decision,
  decidedOn,
  ceaseReason: null,
});

/**
 * Week 2024-W02: Monday 8 to Sunday 14 January 2024; its rolling year runs from 15 January 2023.
 * Each case's part in the figures is noted beside it.
 */
const rows = [
  // 6-week decisions. A: due 12 Jan, decided 10 Jan (within, this week). B: due 1 Jan, decided 12 Jan (late).
  row('A', request('2023-12-01', { decisionDate: '2024-01-10' })),
  row('B', request('2023-11-20', { decisionDate: '2024-01-12' })),
  // C: within, in the rolling year only; D: decided before the rolling year began.
  row('C', request('2023-03-01', { decisionDate: '2023-04-05', closedOn: '2023-08-01' })),
  row('D', request('2022-12-01', { decisionDate: '2023-01-10', decision: 'refuse' })),
  // New plans. E: 134 days (within). F: 194 days with an exception. G: 120 days, rolling year only.
  row('E', newPlan('2023-08-28', '2024-01-09')),
  row('E', plan('2024-01-09')),
  row('E', decision('final-plan', '2024-01-09')),
  row('F', newPlan('2023-07-01', '2024-01-11', true)),
  row('F', plan('2024-01-11')),
  row('F', decision('final-plan', '2024-01-11')),
  row('G', newPlan('2023-02-01', '2023-06-01')),
  row('G', decision('final-plan', '2023-06-01')),
  // Annual reviews. H: due 10 Jan, held 9 Jan. I: due 13 Jan, held 20 Jan (after the Sunday). P: rolling year.
  row('H', plan('2023-01-11')),
  row('H', review('2024-01-10', '2024-01-09')),
  row('I', plan('2023-01-14')),
  row('I', review('2024-01-13', '2024-01-20')),
  row('P', plan('2022-06-02')),
  row('P', { ...review('2023-06-01', '2023-05-20'), decisionDate: '2023-06-10', decision: 'maintain' }),
  // N: a review due 31 Dec 2022 held only on 20 Jan 2024; the next cycle is due from that meeting.
  row('N', plan('2022-01-01')),
  row('N', review('2022-12-31', '2024-01-20')),
  row('N', review('2025-01-19')),
  // M: a plan ceased before the week.
  row('M', plan('2020-01-01', '2024-01-05')),
  // Tribunal: one appeal this week; a refusal to assess this week.
  row('J', appeal('2024-01-11')),
  row('Q', decision('refusal-to-assess', '2024-01-09')),
  // Backlog: K open 12 days; L open 35 days on the Sunday (due 21 Jan, refused on 20 Jan, after the Sunday).
  row('K', request('2024-01-02')),
  row('L', request('2023-12-10', { decisionDate: '2024-01-20', decision: 'refuse' })),
];

const rollup = computeRollup('900', weekWindow('2024-W02'), rows, {
  atRiskDays: 14,
  settings: DEFAULT_CALENDAR_SETTINGS,
  computedAt: new Date('2024-03-01T06:00:00Z'),
  basedOnPosition: '42',
});

describe('weekly rollup computed through the KPI functions', () => {
  it('names the week, its dates and when and from what it was computed', () => {
    expect(rollup).toMatchObject({
      la: '900',
      week: '2024-W02',
      weekStart: '2024-01-08',
      weekEnd: '2024-01-14',
      computedAt: '2024-03-01T06:00:00.000Z',
      basedOnPosition: '42',
    });
    expect(rollup.thisWeek).toMatchObject({ from: '2024-01-08', to: '2024-01-14' });
    expect(rollup.rolling12Months).toMatchObject({ from: '2023-01-15', to: '2024-01-14' });
  });

  it('6-week decisions: the week, and the 12 months to its Sunday', () => {
    expect(rollup.thisWeek.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 2,
      fraction: 1 / 2,
      rate: 0.5,
    });
    expect(rollup.rolling12Months.decisionsWithinSixWeeks).toEqual({
      unit: 'rate',
      numerator: 2,
      denominator: 3,
      fraction: 2 / 3,
      rate: 0.6667,
    });
  });

  it('20-week timeliness including and excluding exceptions, and new plans issued', () => {
    expect(rollup.thisWeek.newPlansIssued).toEqual({ unit: 'count', numerator: 2, denominator: null, rate: null });
    expect(rollup.thisWeek.withinTwentyWeeksIncludingExceptions).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 2,
      fraction: 1 / 2,
      rate: 0.5,
    });
    expect(rollup.thisWeek.withinTwentyWeeksExcludingExceptions).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 1,
      fraction: 1 / 1,
      rate: 1,
    });
    expect(rollup.rolling12Months.newPlansIssued.numerator).toBe(3);
    expect(rollup.rolling12Months.withinTwentyWeeksIncludingExceptions).toMatchObject({ numerator: 2, denominator: 3 });
    expect(rollup.rolling12Months.withinTwentyWeeksExcludingExceptions).toMatchObject({ numerator: 2, denominator: 2 });
  });

  it('annual reviews held on time, judged at the Sunday', () => {
    expect(rollup.thisWeek.annualReviewsDue.numerator).toBe(2);
    expect(rollup.thisWeek.annualReviewsHeldOnTime).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 2,
      fraction: 1 / 2,
      rate: 0.5,
    });
    expect(rollup.rolling12Months.annualReviewsHeldOnTime).toEqual({
      unit: 'rate',
      numerator: 2,
      denominator: 3,
      fraction: 2 / 3,
      rate: 0.6667,
    });
  });

  it('appeals registered and the appeal rate by both methods', () => {
    expect(rollup.thisWeek.appealsRegistered.numerator).toBe(1);
    // Appealable this week: E's and F's final plans, Q's refusal.
    expect(rollup.thisWeek.appealRate).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 3,
      fraction: 1 / 3,
      rate: 0.3333,
    });
    expect(rollup.rolling12Months.appealRate).toMatchObject({ numerator: 1, denominator: 4, fraction: 0.25 });
    // DfE 2024: Q's refusal + plans held on the census day of the rolling year's first year
    // (19 Jan 2023: H, I, N, P, M). A week has no DfE rate: its denominator is a year's census count.
    expect(rollup.thisWeek.dfe2024AppealRate).toBeNull();
    expect(rollup.rolling12Months.dfe2024AppealRate).toEqual({
      unit: 'rate',
      numerator: 1,
      denominator: 6,
      fraction: 1 / 6,
      rate: 0.1667,
    });
    expect(rollup.thisWeek.appealsRegistered).toEqual({ unit: 'count', numerator: 1, denominator: null, rate: null });
  });

  it('names its schema version and the counting settings it was computed under', () => {
    expect(rollup.schemaVersion).toBe(2);
    expect(rollup.settings).toEqual({
      countFrom: 'day0',
      reviewDue: 'strict',
      nextReviewFrom: 'meeting',
      atRiskDays: 14,
      timeZone: 'Europe/London',
    });
  });

  it('backlog on the Sunday by week of the clock, and plans held', () => {
    // Open on 14 Jan: K (12 days), L (35 days), A (44 days, assessing), B (55 days, assessing).
    expect(rollup.backlog).toEqual({
      on: '2024-01-14',
      openRequests: 4,
      byClockWeeks: { openWeeks0to6: 2, openWeeks6to16: 2, openWeeks16to20: 0, openWeeks20Plus: 0 },
      activePlans: 6,
    });
  });

  it('at risk as the cases stood on the Sunday: steps taken later were still owed', () => {
    // I's and N's reviews were overdue on the Sunday (held later); L's decision was due within 14 days.
    // H's review decision is owed by 6 Feb: outside the horizon.
    expect(rollup.atRisk).toEqual({
      on: '2024-01-14',
      withinDays: 14,
      overdue: 2,
      dueSoon: 1,
      total: 3,
      byStep: { 'annual-review': 2, 'decide-whether-to-assess': 1 },
    });
  });

  it('is JSON all the way down', () => {
    expect(JSON.parse(JSON.stringify(rollup))).toEqual(rollup);
  });
});

describe('facts as they stood on a date', () => {
  it('takes back steps taken after the date, so they are pending again', () => {
    const facts = [request('2023-12-10', { decisionDate: '2024-01-20', decision: 'refuse' })];
    expect(pendingDeadlines(facts)).toEqual([]);
    expect(pendingDeadlines(factsOn(facts, '2024-01-14'))).toEqual([
      { step: 'decide-whether-to-assess', due: '2024-01-21' },
    ]);
    expect(pendingDeadlines(factsOn(facts, '2024-01-20'))).toEqual([]);
  });

  it('leaves out what had not begun: later requests, appeals and the next review cycle', () => {
    const facts = [
      request('2024-02-01'),
      appeal('2024-03-01'),
      plan('2022-01-01'),
      review('2022-12-31', '2024-01-20'),
      review('2025-01-19'),
    ];
    const on = factsOn(facts, '2024-01-14');
    expect(on.map((fact) => fact.kind)).toEqual(['plan', 'annual-review']);
    expect(pendingDeadlines(on)).toEqual([{ step: 'annual-review', due: '2022-12-31' }]);
  });

  it('owes no review once the plan has ceased', () => {
    const facts = [plan('2022-01-01', '2023-06-01'), review('2022-12-31')];
    expect(pendingDeadlines(factsOn(facts, '2023-07-01'))).toEqual([]);
    expect(pendingDeadlines(factsOn(facts, '2023-05-01'))).toEqual([{ step: 'annual-review', due: '2022-12-31' }]);
  });
});

describe('the fact range one computation reads', () => {
  it('reaches back to 1 January of the earliest rolling year and forward by the at-risk horizon', () => {
    expect(factRange([weekWindow('2024-W10'), weekWindow('2024-W02')], 14)).toEqual({
      from: '2023-01-01',
      to: '2024-03-24',
    });
  });
});

describe('the fact range around a January census day', () => {
  it('reaches the census day of a week that ends before it', () => {
    // 2024-W01 ends on 7 January; the 2024 census day is Thursday 18 January; 7 + 14 = 21 January is later.
    expect(factRange([weekWindow('2024-W01')], 14).to).toBe('2024-01-21');
    expect(factRange([weekWindow('2024-W01')], 3).to).toBe('2024-01-18');
  });
});
