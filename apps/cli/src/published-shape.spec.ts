import { describe, expect, it } from '@jest/globals';
import { generateLa, NO_NOISE } from '#synthetic';
import { publishedShape } from './published-shape.js';

/** Counts of a generated LA's facts in one calendar year, and its plans at the end. */
function countsIn(la: string, year: number, events: Iterable<{ type: string; occurredOn: string; data: any }>) {
  let requests = 0;
  let refused = 0;
  let decided = 0;
  let finalPlans = 0;
  let plans = 0;
  for (const event of events) {
    const inYear = event.occurredOn.startsWith(String(year));
    if (event.type === 'FinalPlanIssued' || event.type === 'PlanTransferredIn') plans += 1;
    if (event.type === 'PlanCeased' || event.type === 'PlanTransferredOut') plans -= 1;
    if (!inYear) continue;
    if (event.type === 'AssessmentRequested') requests += 1;
    if (event.type === 'AssessmentDecisionMade') {
      decided += 1;
      if (event.data.decision === 'refuse') refused += 1;
    }
    if (event.type === 'FinalPlanIssued') finalPlans += 1;
  }
  return { la, requests, refusedShare: refused / requests, decided, finalPlans, plans };
}

describe('a synthetic LA shaped like its published figures', () => {
  it.each([['881'], ['202']])(
    'LA %s in 2024: requests, refusals, new plans and caseload near the published',
    (la) => {
      const { shape, plans } = publishedShape(la, 2024);
      const events = generateLa({ la, seed: 1, years: 1, endDate: '2024-12-31', plans, shape, noise: NO_NOISE });
      const counts = countsIn(la, 2024, events);
      const published = { requests: shape.requests[2024]!, newPlans: shape.newPlans[2024]!, plans };
      expect(Math.abs(counts.requests / published.requests - 1)).toBeLessThan(0.05);
      expect(Math.abs(counts.refusedShare - shape.refusalShare[2024]!)).toBeLessThan(0.03);
      expect(Math.abs(counts.finalPlans / published.newPlans - 1)).toBeLessThan(0.1);
      expect(Math.abs(counts.plans / published.plans - 1)).toBeLessThan(0.05);
    },
    120_000,
  );
});
