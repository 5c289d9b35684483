import { describe, expect, it } from '@jest/globals';
import type { CaseFact, FactRow } from '#projections';
import { ageBand } from './breakdowns.js';
import { annualReviews } from './measures/annual-reviews.js';
import { atRisk, decodeCursor, type AtRiskCursor, type WorklistItem } from './measures/at-risk.js';
import { caseload } from './measures/caseload.js';
import { sixWeekDecisions } from './measures/six-week-decisions.js';
import { januaryCensusDate, tribunal } from './measures/tribunal.js';
import { draftPlanBreaches, twentyWeekTimeliness } from './measures/twenty-week-timeliness.js';
import { periodsBetween } from './periods.js';

function row(caseId: string, fact: CaseFact, attributes: Partial<FactRow> = {}): FactRow {
  return {
    la: '900',
    caseId,
    birthMonth: null,
    primaryNeed: null,
    requestSource: null,
    team: null,
    ...attributes,
    fact,
  };
}

function newPlan(
  caseId: string,
  requestDate: string,
  issuedOn: string,
  dueDate: string,
  daysTaken: number,
  extra: Partial<Extract<CaseFact, { kind: 'new-plan' }>> = {},
): FactRow {
  return row(caseId, {
    kind: 'new-plan',
    cohort: 'new',
    issuedOn,
    requestDate,
    dueDate,
    daysTaken,
    hasException: false,
    draftIssuedOn: null,
    representationsEnd: null,
    ...extra,
  });
}

const YEAR = { from: '2024-01-01', to: '2024-12-31', groupBy: 'year' as const };

describe('periods and age bands', () => {
  it('splits a range into clipped months, quarters and years', () => {
    expect(periodsBetween('2024-01-15', '2024-03-10', 'month')).toEqual([
      { key: '2024-01', from: '2024-01-15', to: '2024-01-31' },
      { key: '2024-02', from: '2024-02-01', to: '2024-02-29' },
      { key: '2024-03', from: '2024-03-01', to: '2024-03-10' },
    ]);
    expect(periodsBetween('2023-11-01', '2024-04-30', 'quarter').map((p) => p.key)).toEqual([
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
    ]);
    expect(periodsBetween('2023-06-01', '2024-02-01', 'year')).toEqual([
      { key: '2023', from: '2023-06-01', to: '2023-12-31' },
      { key: '2024', from: '2024-01-01', to: '2024-02-01' },
    ]);
    expect(() => periodsBetween('2024-02-01', '2024-01-01', 'month')).toThrow(RangeError);
  });

  it('takes the age band from the birth month at a date', () => {
    expect(ageBand('2019-07', '2024-06-30')).toBe('under-5'); // 4 until July
    expect(ageBand('2019-07', '2024-07-01')).toBe('5-10');
    expect(ageBand('2013-12', '2024-12-31')).toBe('11-15');
    expect(ageBand('2008-01', '2024-01-01')).toBe('16-19');
    expect(ageBand('2004-01', '2024-01-01')).toBe('20-25');
    expect(ageBand('1990-01', '2024-01-01')).toBe('over-25');
    expect(ageBand(null, '2024-01-01')).toBe('unknown');
  });

  it('finds the January census day: the third Thursday', () => {
    expect(januaryCensusDate(2024)).toBe('2024-01-18');
    expect(januaryCensusDate(2025)).toBe('2025-01-16');
    expect(januaryCensusDate(2026)).toBe('2026-01-15');
  });
});

describe('20-week timeliness (SEN2)', () => {
  // 2019's national check in miniature: 5 new plans, 3 within; one late plan has an exception.
  const rows = [
    newPlan('P1', '2024-01-01', '2024-05-20', '2024-05-20', 140), // exactly 20 weeks: within
    newPlan('P2', '2024-02-01', '2024-06-01', '2024-06-20', 121),
    newPlan('P3', '2024-03-01', '2024-07-01', '2024-07-19', 122, { hasException: true }),
    newPlan('P4', '2024-01-10', '2024-07-10', '2024-05-29', 182, { hasException: true }),
    newPlan('P5', '2023-06-01', '2024-08-01', '2023-10-19', 427),
    newPlan('T1', '2024-01-01', '2024-03-01', '2024-05-20', 60, {
      cohort: 'transferred-in',
      dueDate: null,
      daysTaken: null,
    }),
    newPlan('O1', '2024-01-01', '2024-09-01', '2024-09-10', 244, { cohort: 'tribunal-ordered' }),
    newPlan('X1', '2023-01-01', '2023-05-01', '2023-05-21', 120), // issued outside the period
  ];

  it('counts including exceptions over all new plans, and excluding them over plans without one', () => {
    const { total } = twentyWeekTimeliness(rows, { ...YEAR, includeCases: true });
    expect(total.figures['newPlansIssued']!.numerator).toBe(5);
    expect(total.figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 3,
      denominator: 5,
      rate: 0.6,
      cases: { numerator: ['P1', 'P2', 'P3'], denominator: ['P1', 'P2', 'P3', 'P4', 'P5'] },
    });
    // P3 and P4 carry an exception: they leave both numerator and denominator.
    expect(total.figures['withinTwentyWeeksExcludingExceptions']).toMatchObject({
      numerator: 2,
      denominator: 3,
      rate: 0.6667,
    });
    expect(total.figures['averageWeeks']!.rate).toBeCloseTo((140 + 121 + 122 + 182 + 427) / 7 / 5, 2);
    expect(total.figures['averageWeeks']).toMatchObject({ mean: 28.34, n: 5 });
    expect(total.figures['overTwentyWeeksUnderYear']).toMatchObject({ numerator: 1, denominator: 5 });
    expect(total.figures['overYear']).toMatchObject({ numerator: 1, denominator: 5 });
    expect(total.figures['transferredIn']!.numerator).toBe(1);
    expect(total.figures['tribunalOrderedWithinDeadline']).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('counts a new plan whose request is not recorded in the including-exceptions denominator, as not within', () => {
    const untimed = newPlan('U1', '2024-01-01', '2024-06-01', '2024-05-20', 152, {
      requestDate: null,
      dueDate: null,
      daysTaken: null,
    });
    const { total } = twentyWeekTimeliness([...rows, untimed], { ...YEAR, includeCases: true });
    expect(total.figures['newPlansIssued']!.numerator).toBe(6);
    // SEN2 counts every new plan: the denominator equals new plans issued.
    expect(total.figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({ numerator: 3, denominator: 6 });
    expect(total.figures['untimedNewPlans']).toMatchObject({ numerator: 1, cases: { numerator: ['U1'] } });
    // An untimed plan cannot be timed: it is left out of the excluding-exceptions rate and of the average.
    expect(total.figures['withinTwentyWeeksExcludingExceptions']).toMatchObject({ numerator: 2, denominator: 3 });
    expect(total.figures['averageWeeks']!.denominator).toBe(5);
  });

  it('groups by the month of the final plan', () => {
    const { groups } = twentyWeekTimeliness(rows, { from: '2024-05-01', to: '2024-07-31', groupBy: 'month' });
    expect(groups.map((g) => [g.period, g.figures['newPlansIssued']!.numerator])).toEqual([
      ['2024-05', 1],
      ['2024-06', 1],
      ['2024-07', 2],
    ]);
  });

  it('breaks down by primary need, leaving out values with nothing to show', () => {
    const needs = rows.map((r, n) => ({ ...r, primaryNeed: n % 2 === 0 ? 'ASD' : 'SEMH' }));
    const { total } = twentyWeekTimeliness(needs, { ...YEAR, breakdown: 'primaryNeed' });
    expect(total.breakdown!['ASD']!['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(total.breakdown!['SEMH']!['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
  });
});

describe('draft-plan breaches', () => {
  it('counts a final plan issued on or before the last day of the representation window', () => {
    const rows = [
      newPlan('D1', '2024-01-01', '2024-03-15', '2024-05-20', 74, {
        draftIssuedOn: '2024-03-01',
        representationsEnd: '2024-03-15',
      }),
      newPlan('D2', '2024-01-01', '2024-03-16', '2024-05-20', 75, {
        draftIssuedOn: '2024-03-01',
        representationsEnd: '2024-03-15',
      }),
      newPlan('D3', '2024-01-01', '2024-03-16', '2024-05-20', 75),
    ];
    expect(
      draftPlanBreaches(rows, { ...YEAR, includeCases: true }).total.figures['finalBeforeRepresentationsEnded'],
    ).toEqual({
      numerator: 1,
      denominator: 2,
      rate: 0.5,
      cases: { numerator: ['D1'], denominator: ['D1', 'D2'] },
    });
  });
});

describe('6-week decisions', () => {
  it('counts requests decided in the period, withdrawn ones excluded', () => {
    const request = (caseId: string, requestDate: string, decisionDate: string | null, withdrawnOn: string | null) =>
      row(caseId, {
        kind: 'request-decision',
        requestDate,
        dueDate: new Date(Date.parse(requestDate) + 42 * 86400000).toISOString().slice(0, 10),
        decisionDate,
        decision: decisionDate === null ? null : 'assess',
        withdrawnOn,
        closedOn: withdrawnOn,
        planDecisionDate: null,
        sixteenWeekDate: requestDate,
        twentyWeekDate: requestDate,
      });
    const rows = [
      request('R1', '2024-01-01', '2024-02-12', null), // day 42: within
      request('R2', '2024-01-01', '2024-02-13', null), // day 43: late
      request('R3', '2024-01-01', null, '2024-01-20'), // withdrawn
      request('R4', '2023-10-01', '2023-11-01', null), // decided before the period
    ];
    const { total } = sixWeekDecisions(rows, YEAR);
    expect(total.figures['decidedWithinSixWeeks']).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(total.figures['requestsWithdrawn']!.numerator).toBe(1);
  });
});

describe('annual reviews', () => {
  const review = (caseId: string, dueDate: string, meetingDate: string | null, decisionDate: string | null = null) =>
    row(caseId, {
      kind: 'annual-review',
      dueDate,
      meetingDate,
      decisionDueDate:
        meetingDate === null ? null : new Date(Date.parse(meetingDate) + 28 * 86400000).toISOString().slice(0, 10),
      decisionDate,
      decision: decisionDate === null ? null : 'maintain',
    });
  const rows = [
    review('V1', '2024-03-31', '2024-03-20', '2024-04-10'), // on time; decision in 3 weeks
    review('V2', '2024-03-31', '2024-04-15', '2024-05-20'), // late; decision after 5 weeks
    review('V3', '2024-05-31', null), // not held
    review('V4', '2024-11-30', null), // not held, not yet due on 30 Jun
  ];

  it('judges overdue as of a date', () => {
    const asOfJune = annualReviews(rows, YEAR, '2024-06-30').total.figures;
    expect(asOfJune['reviewsDue']!.numerator).toBe(4);
    expect(asOfJune['heldOnTime']).toMatchObject({ numerator: 1, denominator: 4 });
    expect(asOfJune['heldLate']).toMatchObject({ numerator: 1, denominator: 4 });
    expect(asOfJune['overdueNotHeld']).toMatchObject({ numerator: 1, denominator: 4 });
    expect(annualReviews(rows, YEAR, '2025-01-31').total.figures['overdueNotHeld']!.numerator).toBe(2);
    expect(asOfJune['decisionsWithinFourWeeks']).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('does not count a meeting held after the as-of date', () => {
    const asOfApril = annualReviews(rows, YEAR, '2024-04-01').total.figures;
    expect(asOfApril['heldLate']!.numerator).toBe(0);
    expect(asOfApril['overdueNotHeld']!.numerator).toBe(1);
  });
});

describe('tribunal', () => {
  const appealable = (
    caseId: string,
    decision: 'refusal-to-assess' | 'no-plan' | 'final-plan' | 'cease',
    on: string,
    ceaseReason: number | null = null,
  ) => row(caseId, { kind: 'appealable-decision', decision, decidedOn: on, ceaseReason });
  const appeal = (
    caseId: string,
    registeredOn: string,
    outcome: 'appellant-favour' | 'la-upheld' | 'withdrawn' | 'conceded' | null,
    outcomeOn: string | null,
  ) =>
    row(caseId, {
      kind: 'tribunal-appeal',
      appealId: `${caseId}-1`,
      against: 'refusal-to-assess',
      registeredOn,
      decisionAppealed: null,
      outcome,
      outcomeOn,
      orders:
        outcome === 'appellant-favour'
          ? [{ orderId: 'o', kind: 'assess', dueDate: '2024-10-01', compliedOn: '2024-10-02' }]
          : [],
    });
  const plan = (caseId: string, heldFrom: string, heldUntil: string | null) =>
    row(caseId, { kind: 'plan', heldFrom, heldUntil, ceaseReason: null, transferredIn: false, transferredOut: false });

  it('computes the appeal rate by both methods, outcomes and orders on time', () => {
    const rows = [
      appealable('A1', 'refusal-to-assess', '2024-02-01'),
      appealable('A2', 'no-plan', '2024-03-01'),
      appealable('A3', 'final-plan', '2024-04-01'),
      appealable('A4', 'final-plan', '2024-05-01'),
      appealable('A5', 'cease', '2024-06-01', 2),
      appealable('A6', 'cease', '2024-06-01', 6),
      appeal('A1', '2024-03-01', 'appellant-favour', '2024-08-01'),
      appeal('A3', '2024-05-01', 'conceded', '2024-06-01'),
      appeal('A4', '2024-12-01', null, null),
      plan('P1', '2020-01-01', null), // held on 18 Jan
      plan('P2', '2023-06-01', '2024-01-18'), // ceased on census day: not held
      plan('P3', '2024-01-19', null), // issued after the census
    ];
    const report = tribunal(rows, YEAR);
    expect(report.total.figures['appealsRegistered']!.numerator).toBe(3);
    expect(report.total.figures['appealableDecisions']!.numerator).toBe(6);
    // refusal + no-plan + ceased as needs met + 1 plan on census day
    expect(report.total.figures['dfe2024Denominator']!.numerator).toBe(4);
    expect(report.rates.find((r) => r.period === 'total')).toEqual({
      period: 'total',
      appealRate: 0.5,
      dfe2024Rate: 0.75,
    });
    expect(report.total.figures['outcomeAppellantFavour']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(report.total.figures['outcomeConceded']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(report.orders.total.figures['ordersCompliedOnTime']).toMatchObject({ numerator: 0, denominator: 1 });
  });
});

describe('caseload', () => {
  it('counts plans held and requests open on the last day of each period, by week of the clock', () => {
    const plan = (caseId: string, heldFrom: string, heldUntil: string | null) =>
      row(caseId, {
        kind: 'plan',
        heldFrom,
        heldUntil,
        ceaseReason: null,
        transferredIn: false,
        transferredOut: false,
      });
    const open = (caseId: string, requestDate: string, closedOn: string | null) =>
      row(caseId, {
        kind: 'request-decision',
        requestDate,
        dueDate: requestDate,
        decisionDate: null,
        decision: null,
        withdrawnOn: null,
        closedOn,
        planDecisionDate: null,
        sixteenWeekDate: requestDate,
        twentyWeekDate: requestDate,
      });
    const rows = [
      plan('P1', '2023-01-01', null),
      plan('P2', '2024-01-15', '2024-02-10'),
      open('R1', '2024-01-25', null), // on 31 Jan: day 6, week 0; on 29 Feb: day 35, week 5
      open('R2', '2023-09-01', '2024-02-20'), // on 31 Jan: day 152, week 21
    ];
    const { groups } = caseload(rows, { from: '2024-01-01', to: '2024-02-29', groupBy: 'month' }, '2030-01-01');
    expect(groups[0]!.figures['activePlans']!.numerator).toBe(2);
    expect(groups[1]!.figures['activePlans']!.numerator).toBe(1);
    expect(groups[0]!.figures['openRequests']!.numerator).toBe(2);
    expect(groups[0]!.figures['openWeeks0to6']!.numerator).toBe(1);
    expect(groups[0]!.figures['openWeeks20Plus']!.numerator).toBe(1);
    expect(groups[1]!.figures['openRequests']!.numerator).toBe(1);
    expect(groups[1]!.figures['openWeeks0to6']!.numerator).toBe(1);
  });
});

describe('at risk', () => {
  const entry = (caseId: string, due: string, over: Partial<WorklistItem> = {}): WorklistItem => ({
    caseId,
    stage: 'requested',
    team: null,
    primaryNeed: null,
    step: 'assessment-decision',
    ref: 'cycle-0',
    due,
    until: null,
    action: `Decide whether to assess (due ${due})`,
    ...over,
  });
  const entries = [
    entry('C1', '2024-06-10', { team: 'north' }),
    entry('C2', '2024-05-01', { team: 'south', step: 'annual-review', ref: 'plan-0/review-1', stage: 'plan-active' }),
    entry('C3', '2024-07-01'),
    entry('C4', '2024-05-20', { step: 'appeal-window', ref: 'w', stage: 'ceased', until: '2024-05-31' }),
    entry('C5', '2024-06-02', { team: 'north', step: 'appeal-window', ref: 'w', stage: 'ceased', until: '2024-06-02' }),
    entry('C2', '2024-05-01', { team: 'south' }),
  ];

  it('lists obligations passed or within N days and still actionable, soonest first', () => {
    const report = atRisk(entries, '2024-06-01', 14);
    expect(report.items.map((c) => [c.caseId, c.ref, c.status, c.daysLeft])).toEqual([
      ['C2', 'cycle-0', 'overdue', -31],
      ['C2', 'plan-0/review-1', 'overdue', -31],
      ['C5', 'w', 'due-soon', 1],
      ['C1', 'cycle-0', 'due-soon', 9],
    ]);
    expect(report).toMatchObject({ total: 4, overdue: 2, dueSoon: 2, nextCursor: null });
    expect(report.byStep).toEqual({ 'annual-review': 1, 'appeal-window': 1, 'assessment-decision': 2 });
    expect(report.byTeam).toEqual({ north: 2, south: 2 });
  });

  it('filters, and counts the filtered list rather than the page', () => {
    const report = atRisk(entries, '2024-06-01', 14, { team: ['north', '(none)'], status: ['due-soon'] }, { limit: 1 });
    expect(report.items.map((c) => c.caseId)).toEqual(['C5']);
    expect(report).toMatchObject({ total: 2, dueSoon: 2, byTeam: { north: 2 } });
    expect(atRisk(entries, '2024-06-01', 14, { step: ['annual-review'] }).items.map((c) => c.caseId)).toEqual(['C2']);
    expect(atRisk(entries, '2024-06-01', 14, { stage: ['ceased'] }).total).toBe(1);
  });

  it('pages by cursor: every item once, and a page starts after the cursor even when the list changed', () => {
    const seen: string[] = [];
    let after: AtRiskCursor | undefined;
    for (;;) {
      const page = atRisk(entries, '2024-06-01', 14, {}, { limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.items.map((c) => `${c.caseId}/${c.ref}`));
      if (page.nextCursor === null) break;
      after = decodeCursor(page.nextCursor);
    }
    expect(seen).toEqual(['C2/cycle-0', 'C2/plan-0/review-1', 'C5/w', 'C1/cycle-0']);
    const first = atRisk(entries, '2024-06-01', 14, {}, { limit: 2 });
    const cursor = decodeCursor(first.nextCursor!)!;
    // C2's overdue items were dealt with and a new one arrived before the cursor's place: the next page is unmoved.
    const changed = [entry('C0', '2024-04-01'), ...entries.filter((e) => e.caseId !== 'C2')];
    expect(atRisk(changed, '2024-06-01', 14, {}, { limit: 2, after: cursor }).items.map((c) => c.caseId)).toEqual([
      'C5',
      'C1',
    ]);
    expect(decodeCursor('not-a-cursor')).toBeUndefined();
  });
});
