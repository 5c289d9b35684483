import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { describe, expect, it } from '@jest/globals';
import { addDays } from '#calendar';
import { annualReviews, caseload, sixWeekDecisions, tribunal, twentyWeekTimeliness, type ReportOptions } from '#kpis';
import type { FactRow } from '#projections';
import { computeRollup } from './rollup.js';
import { appeal, newPlan, plan, request, review, row } from './testing/fact-rows.js';
import { recentWeeks, weekWindow } from './weeks.js';

/** A varied LA over three years: decided, refused, open and late requests, plans, reviews held or not, appeals. */
function variedLa(): FactRow[] {
  const rows: FactRow[] = [];
  for (let i = 0; i < 600; i += 1) {
    const id = `V${i}`;
    const requested = addDays('2021-06-01', (i * 37) % 1000);
    const decidedAfter = 20 + ((i * 7) % 40);
    if (i % 9 === 0) {
      rows.push(row(id, request(requested)));
      continue;
    }
    if (i % 7 === 0) {
      rows.push(row(id, request(requested, { decisionDate: addDays(requested, decidedAfter), decision: 'refuse' })));
      if (i % 2 === 0) rows.push(row(id, appeal(addDays(requested, decidedAfter + 30))));
      continue;
    }
    const issued = addDays(requested, 100 + ((i * 11) % 120));
    rows.push(row(id, request(requested, { decisionDate: addDays(requested, decidedAfter), closedOn: issued })));
    rows.push(row(id, newPlan(requested, issued, i % 5 === 0)));
    rows.push(row(id, plan(issued, i % 11 === 0 ? addDays(issued, 400) : null)));
    rows.push(row(id, review(addDays(issued, 364), i % 3 === 0 ? null : addDays(issued, 340 + ((i * 13) % 60)))));
    rows.push(row(id, { kind: 'appealable-decision', decision: 'final-plan', decidedOn: issued, ceaseReason: null }));
  }
  return rows;
}

describe('a rollup gives the KPI functions’ own figures', () => {
  const rows = variedLa();

  it('for every recent week, the week and rolling-year figures and the backlog match the KPIs over all rows', () => {
    for (const week of recentWeeks('2024-03-04', 13)) {
      const window = weekWindow(week);
      const rollup = computeRollup('900', window, rows, {
        atRiskDays: 14,
        settings: DEFAULT_CALENDAR_SETTINGS,
        computedAt: new Date(),
        basedOnPosition: '0',
      });
      for (const [from, figures] of [
        [window.weekStart, rollup.thisWeek],
        [window.rollingFrom, rollup.rolling12Months],
      ] as const) {
        const options: ReportOptions = { from, to: window.weekEnd, groupBy: 'month' };
        // A count says so; a rate adds its unrounded fraction.
        const strip = (f: { numerator: number; denominator: number | null; rate: number | null } | undefined) =>
          f!.denominator === null
            ? { unit: 'count', numerator: f!.numerator, denominator: null, rate: null }
            : {
                unit: 'rate',
                numerator: f!.numerator,
                denominator: f!.denominator,
                fraction: f!.denominator === 0 ? null : f!.numerator / f!.denominator,
                rate: f!.rate,
              };
        const six = sixWeekDecisions(rows, options).total.figures;
        const twenty = twentyWeekTimeliness(rows, options).total.figures;
        const reviews = annualReviews(rows, options, window.weekEnd).total.figures;
        const appeals = tribunal(rows, options);
        expect(figures.decisionsWithinSixWeeks).toEqual(strip(six['decidedWithinSixWeeks']));
        expect(figures.newPlansIssued).toEqual(strip(twenty['newPlansIssued']));
        expect(figures.withinTwentyWeeksIncludingExceptions).toEqual(
          strip(twenty['withinTwentyWeeksIncludingExceptions']),
        );
        expect(figures.withinTwentyWeeksExcludingExceptions).toEqual(
          strip(twenty['withinTwentyWeeksExcludingExceptions']),
        );
        expect(figures.annualReviewsHeldOnTime).toEqual(strip(reviews['heldOnTime']));
        expect(figures.appealsRegistered).toEqual(strip(appeals.total.figures['appealsRegistered']));
        const rates = appeals.rates.find((r) => r.period === 'total')!;
        expect(figures.appealRate.rate).toBe(rates.appealRate);
        // The DfE 2024 denominator counts a year's plans held: no weekly rate over it.
        if (figures === rollup.thisWeek) expect(figures.dfe2024AppealRate).toBeNull();
        else expect(figures.dfe2024AppealRate?.rate).toBe(rates.dfe2024Rate);
      }
      const held = caseload(rows, { from: window.weekStart, to: window.weekEnd, groupBy: 'month' }, window.weekEnd)
        .total.figures;
      expect(rollup.backlog.openRequests).toBe(held['openRequests']!.numerator);
      expect(rollup.backlog.activePlans).toBe(held['activePlans']!.numerator);
    }
  });

  it('the data set exercises the figures (not all zero)', () => {
    const rollup = computeRollup('900', weekWindow('2024-W09'), rows, {
      atRiskDays: 14,
      settings: DEFAULT_CALENDAR_SETTINGS,
      computedAt: new Date(),
      basedOnPosition: '0',
    });
    expect(rollup.rolling12Months.decisionsWithinSixWeeks.denominator).toBeGreaterThan(50);
    expect(rollup.rolling12Months.newPlansIssued.numerator).toBeGreaterThan(20);
    expect(rollup.rolling12Months.annualReviewsHeldOnTime.denominator).toBeGreaterThan(20);
    expect(rollup.rolling12Months.appealsRegistered.numerator).toBeGreaterThan(0);
    expect(rollup.backlog.activePlans).toBeGreaterThan(100);
    expect(rollup.atRisk.total).toBeGreaterThan(0);
  });
});
