import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  NATIONAL_CALIBRATION,
  REQUEST_GROWTH_BEFORE_TABLE,
  annualGrowth,
  figureForYear,
  nationalRequestsInYear,
} from './calibration.js';
import { generateLa } from './generate-la.js';
import { pathwayModel } from './model.js';
import { rates, tallyFeed, type FeedTally, type YearTally } from './testing/kpi-tally.js';

const POINTS = 0.05;

describe('calibration tables', () => {
  it('reads a year from a table, blends between published years and holds the ends', () => {
    const table = { 2020: 0.2, 2022: 0.3 };
    expect(figureForYear(table, 2020)).toBe(0.2);
    expect(figureForYear(table, 2021)).toBeCloseTo(0.25, 10);
    expect(figureForYear(table, 2019)).toBe(0.2);
    expect(figureForYear(table, 2030)).toBe(0.3);
  });

  it('extends national requests past the table at the last year`s growth and before it at the assumed rate', () => {
    const requests = NATIONAL_CALIBRATION.initialRequests;
    expect(nationalRequestsInYear(NATIONAL_CALIBRATION, 2023)).toBe(requests[2023]);
    expect(nationalRequestsInYear(NATIONAL_CALIBRATION, 2025)).toBeCloseTo(requests[2024]! ** 2 / requests[2023]!, 6);
    expect(nationalRequestsInYear(NATIONAL_CALIBRATION, 2019)).toBeCloseTo(
      requests[2020]! / REQUEST_GROWTH_BEFORE_TABLE,
      6,
    );
    expect(annualGrowth(NATIONAL_CALIBRATION.ehcPlansInJanuary)).toBeCloseTo((638745 / 473255) ** (1 / 3), 10);
  });

  it('derives the exception share and the rate without exceptions from the published 2019 check', () => {
    const model = pathwayModel();
    expect(model.exceptionShare).toBeCloseTo(1 - 49519 / 53327, 10);
    expect(model.exceptionWithin20Weeks).toBeCloseTo((31313 - 29895) / (53327 - 49519), 10);
    // Mixing plans with and without exceptions gives back the published rate including exceptions.
    const mixed =
      model.exceptionShare * model.exceptionWithin20Weeks +
      (1 - model.exceptionShare) * model.within20WeeksWithoutException(2024);
    expect(mixed).toBeCloseTo(0.464, 10);
  });
});

describe('the default synthetic LA against the national figures', () => {
  let tally: FeedTally;
  let lastYear: YearTally;
  beforeAll(() => {
    tally = tallyFeed(generateLa({ la: '202', seed: 1 }));
    lastYear = tally.years.get(2025)!;
  });

  it('issues new plans within 20 weeks (including exceptions) at the 2024 national rate, 46.4%', () => {
    expect(lastYear.newPlans).toBeGreaterThan(400);
    expect(Math.abs(rates.within20Weeks(lastYear) - 0.464)).toBeLessThanOrEqual(POINTS);
  });

  it('refuses requests at the national share, 24%', () => {
    expect(lastYear.assessmentDecisions).toBeGreaterThan(600);
    expect(Math.abs(rates.refusalShare(lastYear) - 0.24)).toBeLessThanOrEqual(POINTS);
  });

  it('has a tribunal appeal rate (DfE 2024 method) near the national 6%', () => {
    expect(lastYear.appealsRegistered).toBeGreaterThan(50);
    expect(Math.abs(rates.appealRate(lastYear) - 0.06)).toBeLessThanOrEqual(POINTS);
  });

  it('ends near its size and grows as the national caseload does', () => {
    expect(Math.abs(tally.plansInForceAtEnd / 4175 - 1)).toBeLessThan(0.05);
    const growth = tally.years.get(2025)!.plansInJanuary / tally.years.get(2022)!.plansInJanuary;
    expect(Math.abs(growth ** (1 / 3) - annualGrowth(NATIONAL_CALIBRATION.ehcPlansInJanuary))).toBeLessThan(0.03);
  });

  it('holds reviews in time and decides appeals as the national figures do', () => {
    expect(Math.abs(rates.reviewsInTime(lastYear) - 0.737)).toBeLessThanOrEqual(POINTS);
    expect(Math.abs(rates.reviewDecisionsWithin4Weeks(lastYear) - 0.479)).toBeLessThanOrEqual(POINTS);
    expect(rates.appellantFavour(lastYear)).toBeGreaterThan(0.93);
    expect(Math.abs(rates.withdrawnOrConceded(lastYear) - 0.33)).toBeLessThanOrEqual(0.1);
  });

  it('carries real-feed noise: repeats, corrections, retractions and facts out of order', () => {
    expect(tally.duplicates).toBeGreaterThan(0);
    expect(tally.corrections).toBeGreaterThan(0);
    expect(tally.retractions).toBeGreaterThan(0);
    expect(tally.arrivedOutOfOrder).toBeGreaterThan(0);
  });
});
