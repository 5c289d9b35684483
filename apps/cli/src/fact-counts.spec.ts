import { describe, expect, it } from '@jest/globals';
import { countFacts, type CountedFact } from './fact-counts.js';

const fact = (caseId: string, type: string, occurredOn: string, data: unknown = {}): CountedFact => ({
  caseId,
  type,
  occurredOn,
  data,
});

describe('countFacts', () => {
  it('counts a plan made under a tribunal order as a new plan but leaves it out of the 20-week rate', () => {
    const counts = countFacts(
      [
        fact('A', 'AssessmentRequested', '2024-01-08'),
        fact('A', 'AssessmentDecisionMade', '2024-02-05', { decision: 'assess' }),
        fact('A', 'FinalPlanIssued', '2024-05-20'),
        fact('B', 'AssessmentRequested', '2024-01-08'),
        fact('B', 'AssessmentDecisionMade', '2024-02-05', { decision: 'assess' }),
        fact('B', 'FinalPlanIssued', '2024-09-02'),
        fact('C', 'AssessmentRequested', '2023-01-09'),
        fact('C', 'AssessmentDecisionMade', '2023-02-06', { decision: 'refuse' }),
        fact('C', 'FinalPlanIssued', '2024-03-04'),
        fact('C', 'TribunalOrderComplied', '2024-03-04', { appealId: 'EH1', orderId: 'EH1-O1' }),
      ],
      2024,
    );
    expect(counts.newPlans).toBe(3);
    // A within 20 weeks, B not; C, the ordered plan, is not counted either way.
    expect(counts.within20Weeks).toBe(0.5);
    expect(counts.requests).toBe(2);
  });

  it('keeps a plan whose order was complied with on another day in the 20-week rate', () => {
    const counts = countFacts(
      [
        fact('A', 'AssessmentRequested', '2024-01-08'),
        fact('A', 'FinalPlanIssued', '2024-05-20'),
        fact('A', 'TribunalOrderComplied', '2024-08-01', { appealId: 'EH2', orderId: 'EH2-O1' }),
      ],
      2024,
    );
    expect(counts.newPlans).toBe(1);
    expect(counts.within20Weeks).toBe(1);
  });
});
