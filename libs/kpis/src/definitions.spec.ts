import { describe, expect, it } from '@jest/globals';
import { KPI_DEFINITIONS, TRIBUNAL_ORDER_DEFINITIONS } from './definitions.js';
import { KPI_NAMES, type KpiName } from './kpi-service.js';
import { annualReviews } from './measures/annual-reviews.js';
import { caseload } from './measures/caseload.js';
import { noPlanNotices } from './measures/no-plan-notices.js';
import { placements } from './measures/placements.js';
import { sixWeekDecisions } from './measures/six-week-decisions.js';
import { tribunal } from './measures/tribunal.js';
import { draftPlanBreaches, twentyWeekTimeliness } from './measures/twenty-week-timeliness.js';
import type { KpiReport } from './figures.js';

const options = { from: '2024-01-01', to: '2024-12-31', groupBy: 'year' as const };
const REPORTS: Record<KpiName, () => KpiReport> = {
  'six-week-decisions': () => sixWeekDecisions([], options),
  'no-plan-notices': () => noPlanNotices([], options),
  'twenty-week-timeliness': () => twentyWeekTimeliness([], options),
  'draft-plan-breaches': () => draftPlanBreaches([], options),
  'annual-reviews': () => annualReviews([], options, '2025-01-01'),
  tribunal: () => tribunal([], options),
  caseload: () => caseload([], options, '2025-01-01'),
  placements: () => placements([], options, '2025-01-01'),
};

describe('KPI definitions', () => {
  it('define exactly the measures each KPI reports, with a numerator, cohort and SEN2 column each', () => {
    for (const name of KPI_NAMES) {
      const reported = REPORTS[name]().measures.map((m) => m.name);
      expect({ name, measures: Object.keys(KPI_DEFINITIONS[name]) }).toEqual({ name, measures: reported });
      for (const measure of REPORTS[name]().measures) {
        const definition = KPI_DEFINITIONS[name][measure.name]!;
        expect({ measure: measure.name, hasDenominator: definition.denominator !== null }).toEqual({
          measure: measure.name,
          hasDenominator: measure.kind !== 'count',
        });
        expect(definition.cohort.length).toBeGreaterThan(0);
        expect(definition.sen2.length).toBeGreaterThan(0);
      }
    }
    const orders = tribunal([], options).orders.measures.map((m) => m.name);
    expect(Object.keys(TRIBUNAL_ORDER_DEFINITIONS)).toEqual(orders);
  });
});
