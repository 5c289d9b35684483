import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CaseClockQueries, caseClocksProjection, ProjectionRunner } from '#projections';
import {
  appendEvents,
  createReadModelTestBed,
  sleep,
  type ReadModelTestBed,
} from '../../projections/src/testing/testbed.js';
import { KpiService, type KpiQuery } from './kpi-service.js';
import type { TribunalReport } from './measures/tribunal.js';
import { handWorkedLa } from './testing/hand-worked-la.js';

// Appending through the real store commits once per fact: generous bounds for a loaded machine.
jest.setTimeout(120_000);

const LA = '900';
const YEAR_2024: KpiQuery = { from: '2024-01-01', to: '2024-12-31', groupBy: 'year' };

describe('KPIs from events appended to the real store (hand-worked LA)', () => {
  let bed: ReadModelTestBed;
  let service: KpiService;
  /** After the initial facts, before the correction and the retraction. */
  let beforeAmendments: Date;
  /** After the correction and retraction, before G's late-recorded review. */
  let beforeLate: Date;

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_kpis');
    const fixture = handWorkedLa(LA);
    await appendEvents(bed.store, fixture.initial);
    await sleep(50);
    beforeAmendments = new Date();
    await sleep(50);
    await appendEvents(bed.store, fixture.amendments);
    await sleep(50);
    beforeLate = new Date();
    await sleep(50);
    await appendEvents(bed.store, fixture.late);
    // Small batches, so cases straddle batches.
    const runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection(), { batchSize: 7 });
    await runner.catchUp();
    service = new KpiService(new CaseClockQueries(bed.dataSource), { today: () => '2026-11-22' });
  });

  afterAll(async () => {
    await bed?.close();
  });

  const total = async (name: Parameters<KpiService['kpi']>[0], query: KpiQuery = YEAR_2024) =>
    (await service.kpi(name, LA, { ...query, includeCases: true })).total.figures;

  it('6-week decisions: decided in 2024, withdrawn excluded, the retracted refusal gone', async () => {
    const figures = await total('six-week-decisions');
    expect(figures['decidedWithinSixWeeks']).toMatchObject({
      numerator: 4,
      denominator: 5,
      rate: 0.8,
      cases: { numerator: ['A', 'C', 'E', 'K'], denominator: ['A', 'B', 'C', 'E', 'K'] },
    });
    expect(figures['requestsWithdrawn']!.numerator).toBe(1);
  });

  it('6-week decisions as of before the retraction still count D', async () => {
    const figures = await total('six-week-decisions', { ...YEAR_2024, asOf: beforeAmendments });
    expect(figures['decidedWithinSixWeeks']).toMatchObject({ numerator: 5, denominator: 6 });
    expect(figures['decidedWithinSixWeeks']!.cases!.denominator).toContain('D');
  });

  it('16-week no-plan notices', async () => {
    const figures = await total('no-plan-notices');
    expect(figures['notifiedWithinSixteenWeeks']).toMatchObject({ numerator: 0, denominator: 1, rate: 0 });
  });

  it('20-week timeliness with the exception and the correction across the line', async () => {
    const figures = await total('twenty-week-timeliness');
    expect(figures['newPlansIssued']!.numerator).toBe(3);
    expect(figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 2,
      denominator: 3,
      cases: { numerator: ['A', 'C'], denominator: ['A', 'B', 'C'] },
    });
    expect(figures['withinTwentyWeeksExcludingExceptions']).toMatchObject({ numerator: 2, denominator: 2, rate: 1 });
    // (133 + 154 + 137) / 7 / 3
    expect(figures['averageWeeks']!.rate).toBeCloseTo(424 / 21, 2);
    expect(figures['overTwentyWeeksUnderYear']).toMatchObject({ numerator: 1, denominator: 3 });
    expect(figures['overYear']).toMatchObject({ numerator: 0, denominator: 3 });
    expect(figures['transferredIn']).toMatchObject({ numerator: 1, cases: { numerator: ['J'] } });
    expect(figures['tribunalOrderedWithinDeadline']).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('20-week timeliness as of before the correction: C was late', async () => {
    const figures = await total('twenty-week-timeliness', { ...YEAR_2024, asOf: beforeAmendments });
    expect(figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({ numerator: 1, denominator: 3 });
    expect(figures['withinTwentyWeeksExcludingExceptions']).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('20-week timeliness by month and by primary need', async () => {
    const report = await service.kpi('twenty-week-timeliness', LA, {
      from: '2024-05-01',
      to: '2024-06-30',
      groupBy: 'month',
      breakdown: 'primaryNeed',
    });
    expect(report.groups.map((g) => g.period)).toEqual(['2024-05', '2024-06']);
    expect(report.groups[0]!.figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(report.groups[1]!.figures['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(report.total.breakdown!['ASD']!['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 2,
      denominator: 2,
    });
    expect(report.total.breakdown!['SLCN']!['withinTwentyWeeksIncludingExceptions']).toMatchObject({
      numerator: 0,
      denominator: 1,
    });
  });

  it('draft-plan representation breaches', async () => {
    const figures = await total('draft-plan-breaches');
    expect(figures['finalBeforeRepresentationsEnded']).toMatchObject({
      numerator: 1,
      denominator: 3,
      cases: { numerator: ['B'] },
    });
  });

  it('annual reviews: due, on time, late, overdue, decisions, amendments, phase transfers', async () => {
    const figures = await total('annual-reviews');
    expect(figures['reviewsDue']).toMatchObject({ numerator: 4, cases: { numerator: ['G', 'H', 'I', 'J'] } });
    expect(figures['heldOnTime']).toMatchObject({ numerator: 1, denominator: 4, cases: { numerator: ['G'] } });
    expect(figures['heldLate']).toMatchObject({ numerator: 1, cases: { numerator: ['H'] } });
    expect(figures['overdueNotHeld']).toMatchObject({ numerator: 2, cases: { numerator: ['I', 'J'] } });
    expect(figures['decisionsWithinFourWeeks']).toMatchObject({ numerator: 2, denominator: 2 });
    expect(figures['amendedWithinEightWeeks']).toMatchObject({ numerator: 1, denominator: 1 });
    expect(figures['phaseTransfersByDeadline']).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('annual reviews as of before the late-recorded meeting: G was overdue', async () => {
    const figures = await total('annual-reviews', { ...YEAR_2024, asOf: beforeLate });
    expect(figures['heldOnTime']).toMatchObject({ numerator: 0, denominator: 4 });
    expect(figures['overdueNotHeld']).toMatchObject({ numerator: 3, cases: { numerator: ['G', 'I', 'J'] } });
  });

  it('tribunal: appeals, both rates, outcomes, orders', async () => {
    const report = (await service.kpi('tribunal', LA, { ...YEAR_2024, includeCases: true })) as TribunalReport;
    const figures = report.total.figures;
    expect(figures['appealsRegistered']!.numerator).toBe(2);
    // K refusal, E no-plan, finals A B C E, H amended, I ceased.
    expect(figures['appealableDecisions']!.numerator).toBe(8);
    // K refusal + E no-plan + I ceased as needs met + G H I held on 18 Jan 2024.
    expect(figures['dfe2024Denominator']!.numerator).toBe(6);
    expect(report.rates.find((r) => r.period === 'total')).toEqual({
      period: 'total',
      appealRate: 0.25,
      dfe2024Rate: 0.3333,
    });
    expect(figures['outcomeAppellantFavour']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figures['outcomeWithdrawn']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(figures['outcomeConceded']).toMatchObject({ numerator: 0, denominator: 2 });
    expect(report.orders.total.figures['ordersCompliedOnTime']).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('caseload at the end of 2024 and at the January census', async () => {
    const figures = await total('caseload');
    expect(figures['activePlans']).toMatchObject({
      numerator: 7,
      cases: { numerator: ['A', 'B', 'C', 'E', 'G', 'H', 'J'] },
    });
    expect(figures['openRequests']).toMatchObject({ numerator: 1, cases: { numerator: ['D'] } });
    expect(figures['openWeeks20Plus']!.numerator).toBe(1);
    const census = await total('caseload', { from: '2024-01-18', to: '2024-01-18', groupBy: 'month' });
    expect(census['activePlans']).toMatchObject({ numerator: 3, cases: { numerator: ['G', 'H', 'I'] } });
  });

  it("a case's clock, live and as of a past instant", async () => {
    const live = await service.caseClock(LA, 'D');
    expect(live).toMatchObject({
      stage: 'requested',
      nextDeadline: { step: 'decide-whether-to-assess', due: '2024-04-15' },
    });
    expect(live!.statutory).toMatchObject({
      stage: 'requested',
      asOf: '2026-11-22',
      nextDeadline: { kind: 'assessment-decision', due: '2024-04-15', overdue: true },
    });
    const before = await service.caseClock(LA, 'D', beforeAmendments);
    expect(before?.nextDeadline).toBeNull();
    expect(before!.statutory.cycles[0]).toMatchObject({ outcome: 'refused' });
    // C's statutory clock: the corrected final plan date, within 20 weeks.
    const c = await service.caseClock(LA, 'C');
    expect(c!.statutory.cycles[0]!.finalPlan).toMatchObject({
      due: '2024-06-24',
      done: '2024-06-21',
      status: 'on-time',
    });
  });

  it('at-risk: open obligations whose deadline has passed or falls within N days', async () => {
    const report = await service.atRisk(LA, { withinDays: 30, filters: {}, page: { limit: null } });
    const d = report.items.find((c) => c.caseId === 'D');
    expect(d).toMatchObject({
      status: 'overdue',
      deadline: '2024-04-15',
      step: 'assessment-decision',
      action: 'Decide whether to assess (due 15 Apr 2024)',
    });
    expect(report.items.every((c) => c.deadline <= '2026-12-22')).toBe(true);
    expect(report.items.map((c) => c.caseId)).not.toContain('F');
  });
});
