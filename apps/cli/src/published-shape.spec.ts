import { describe, expect, it } from '@jest/globals';
import { MEASURES, publishedBenchmarks } from '#benchmarks';
import { generateLa, NO_NOISE } from '#synthetic';
import { countFacts } from './fact-counts.js';
import { publishedShape } from './published-shape.js';

/** The published share of new plans issued within 20 weeks including exceptions, 2024. */
function within20Published(la: string): number {
  const measure = MEASURES.find((m) => m.name === 'within-20-weeks-including-exceptions')!;
  const figure = publishedBenchmarks().figure(measure, { level: 'la', code: la }, 2024)!;
  return figure.numerator.value! / figure.denominator!.value!;
}

describe('a synthetic LA shaped like its published figures', () => {
  it.each([['881'], ['202']])(
    'LA %s in 2024: requests, refusals, new plans and caseload near the published',
    (la) => {
      const { shape, plans } = publishedShape(la, 2024);
      const events = generateLa({ la, seed: 1, years: 1, endDate: '2024-12-31', plans, shape, noise: NO_NOISE });
      const counts = countFacts(events, 2024);
      expect(Math.abs(counts.requests / shape.requests[2024]! - 1)).toBeLessThan(0.05);
      expect(Math.abs(counts.refusalShare - shape.refusalShare[2024]!)).toBeLessThan(0.03);
      expect(Math.abs(counts.newPlans / shape.newPlans[2024]! - 1)).toBeLessThan(0.1);
      expect(Math.abs(counts.plans / plans - 1)).toBeLessThan(0.05);
      expect(Math.abs(counts.decisionsWithin6Weeks - shape.decisionWithin6Weeks!)).toBeLessThan(0.03);
      // Seed 1: Essex 14.0% against 16.2%, Camden 93.0% against 96.1%; plans issued early in the year come from the
      // previous year's requests, at that year's rate.
      expect(Math.abs(counts.within20Weeks - within20Published(la))).toBeLessThan(0.04);
    },
    120_000,
  );
});
