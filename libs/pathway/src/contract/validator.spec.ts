import { describe, expect, it } from '@jest/globals';
import { PATHWAY_EVENT_TYPES, type PathwayEvent } from '../events.js';
import { facts, testEventId } from '../testing/builders.js';
import { EVENT_CONTRACTS } from './event-schemas.js';
import { validateEventData, validatePathwayEvent } from './validator.js';

/** One valid fact of every type. */
const oneOfEach: PathwayEvent[] = [
  facts.requested('2024-01-08', { birthMonth: '2015-03', primaryNeed: 'ASD', team: 'North' }),
  facts.withdrawn('2024-01-09'),
  facts.decidedToAssess('2024-01-10'),
  facts.adviceRequested('2024-01-11', 'educational-psychologist'),
  facts.adviceReceived('2024-01-12', 'health'),
  facts.exception('2024-01-13', '2024-01-13', '2024-02-20', 'absent-from-area'),
  facts.decidedToIssue('2024-01-14'),
  facts.draft('2024-01-15'),
  facts.final('2024-01-16'),
  facts.reviewMeeting('2024-01-17', { toPhase: 'secondary', transferYear: 2025 }),
  facts.reviewDecision('2024-01-18', 'maintain'),
  facts.amendmentNotice('2024-01-19'),
  facts.amendedPlan('2024-01-20'),
  facts.ceased('2024-01-21', 9),
  facts.transferredIn('2024-01-22', '201', '2023-06-01'),
  facts.transferredOut('2024-01-23', '203'),
  facts.transferNotified('2024-01-24', true),
  facts.mediation('2024-01-24', '2024-01-01'),
  facts.appealRegistered('2024-01-25', 'SE202-24-001', '2024-01-01', 'plan-contents'),
  facts.appealWithdrawn('2024-01-26', 'SE202-24-001'),
  facts.appealConceded('2024-01-27', 'SE202-24-001'),
  facts.appealDecided('2024-01-28', 'SE202-24-001', [{ orderId: 'O1', kind: 'amend-school' }], 'la-upheld'),
  facts.orderComplied('2024-01-29', 'SE202-24-001', 'O1'),
  facts.detailsUpdated('2024-01-30', { requestSource: 'school', primaryNeed: 'SEMH' }),
  facts.placement('2024-01-30', 'special-independent', 'out-of-area'),
  facts.corrected('2024-01-31', testEventId(1), { occurredOn: '2024-01-07', data: { requestSource: 'health' } }),
  facts.retracted('2024-02-01', testEventId(1), 'entered on the wrong case'),
];

function errorsOf(input: unknown): { path: string; message: string }[] {
  const result = validatePathwayEvent(input);
  return result.ok ? [] : result.errors;
}

describe('validatePathwayEvent', () => {
  it('accepts a valid fact of every type', () => {
    expect(oneOfEach.map((e) => e.type)).toEqual([...PATHWAY_EVENT_TYPES]);
    for (const event of oneOfEach) {
      const result = validatePathwayEvent(event);
      expect(result).toEqual({ ok: true, event });
    }
    expect(validatePathwayEvent({ ...oneOfEach[0]!, recordedAt: '2024-01-09T10:00:00.000Z' }).ok).toBe(true);
  });

  it('has a data schema for every type', () => {
    expect(Object.keys(EVENT_CONTRACTS).sort()).toEqual([...PATHWAY_EVENT_TYPES].sort());
  });

  it('refuses what is not an object', () => {
    expect(errorsOf(null)).toEqual([{ path: '$', message: 'must be an object' }]);
    expect(errorsOf([])).toEqual([{ path: '$', message: 'must be an object' }]);
  });

  it('names every bad envelope field', () => {
    const errors = errorsOf({
      eventId: 'not-a-uuid',
      caseId: 'has a space',
      la: '20',
      type: 'PlanEaten',
      occurredOn: '2024-02-30',
      source: '',
      data: [],
      recordedAt: '2024-01-09',
      childName: 'x',
    });
    expect(errors.map((e) => e.path)).toEqual([
      'eventId',
      'caseId',
      'la',
      'type',
      'occurredOn',
      'source',
      'data',
      'recordedAt',
      'childName',
    ]);
    expect(errors.find((e) => e.path === 'childName')?.message).toBe('is not a field of this event');
  });

  it('requires the envelope fields', () => {
    expect(errorsOf({}).map((e) => `${e.path} ${e.message}`)).toContain('eventId is required');
  });

  it('checks each data field: enums, dates, months, LA codes, integers, nested objects and orders', () => {
    const base = facts.requested('2024-01-08');
    const bad = (type: PathwayEvent['type'], data: unknown) =>
      errorsOf({ ...base, type, data }).map((e) => `${e.path}: ${e.message}`);
    expect(
      bad('AssessmentRequested', { requestSource: 'neighbour', birthMonth: '2015-13', primaryNeed: 'XX' }),
    ).toEqual([
      'data.birthMonth: must be a birth month in the form YYYY-MM',
      'data.primaryNeed: must be one of SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA',
      'data.requestSource: must be one of parent-or-young-person, school, health, social-care, other',
    ]);
    expect(bad('AssessmentRequested', { requestSource: 'school', birthMonth: '1899-01', name: 'A' })).toEqual([
      'data.birthMonth: must be a birth month in the form YYYY-MM',
      'data.name: is not a field of this event',
    ]);
    expect(bad('AssessmentRequested', { requestSource: 'school', birthMonth: 201503 })).toHaveLength(1);
    expect(bad('TimescaleExceptionApplied', { reason: 'school-closure', from: '2024-01-01' })).toEqual([
      'data.to: is required',
    ]);
    expect(
      bad('AnnualReviewMeetingHeld', { phaseTransfer: { toPhase: 'university', transferYear: 2025.5 } }),
    ).toHaveLength(2);
    expect(bad('AnnualReviewMeetingHeld', { phaseTransfer: 'secondary' })).toEqual([
      'data.phaseTransfer: must be an object',
    ]);
    expect(bad('PlanCeased', { reason: 10 })).toHaveLength(1);
    expect(bad('PlanCeased', { reason: true })).toHaveLength(1);
    expect(bad('PlanTransferredIn', { fromLa: 'Devon' })).toEqual(['data.fromLa: must be a three-digit DfE LA code']);
    expect(bad('TribunalAppealDecided', { appealId: 'A1', outcome: 'appellant-favour', orders: 'none' })).toEqual([
      'data.orders: must be an array of orders',
    ]);
    expect(
      bad('TribunalAppealDecided', {
        appealId: 'A1',
        outcome: 'appellant-favour',
        orders: [{ orderId: 'O1', kind: 'assess' }, { orderId: 'O1', kind: 'amend' }, { kind: 'jail' }, 'O3'],
      }),
    ).toEqual([
      'data.orders[2].orderId: is required',
      'data.orders[2].kind: must be one of assess, reassess, make-and-maintain, amend, amend-school, cease-dismissed',
      'data.orders[3]: must be an object',
      'data.orders[1].orderId: repeats an orderId of this decision',
    ]);
    expect(bad('EventCorrected', { correctedEventId: 'x', data: 'y' })).toEqual([
      'data.correctedEventId: must be a UUID',
      'data.data: must be an object',
    ]);
    expect(bad('EventRetracted', { retractedEventId: testEventId(5), reason: ' ' })).toHaveLength(1);
  });

  it('checks data on its own for corrections', () => {
    expect(validateEventData('PlanDecisionMade', { decision: 'maybe' })).toEqual([
      { path: 'data.decision', message: 'must be one of issue, no-plan' },
    ]);
    expect(validateEventData('PlanDecisionMade', { decision: 'issue' })).toEqual([]);
  });
});
