import type { PathwayEvent } from '#pathway';
import { CaseFixture } from '../../../projections/src/testing/testbed.js';

/**
 * A hand-worked LA for the KPI tests (default settings: day 0, strict review dates, next review from the meeting).
 * Figures for calendar year 2024 are worked out in the comments; the tests assert them.
 *
 * Appended in three phases so as-of queries can look before the later ones:
 * 1. `initial`: every case as first recorded;
 * 2. `amendments`: case C's final plan date corrected (28 Jun -> 21 Jun, across the 20-week line), and case D's
 *    refusal retracted as recorded in error;
 * 3. `late`: case G's review meeting and decision, keyed in months after they happened.
 */
export function handWorkedLa(la: string) {
  const a = new CaseFixture(la, 'A');
  const b = new CaseFixture(la, 'B');
  const c = new CaseFixture(la, 'C');
  const d = new CaseFixture(la, 'D');
  const e = new CaseFixture(la, 'E');
  const f = new CaseFixture(la, 'F');
  const g = new CaseFixture(la, 'G');
  const h = new CaseFixture(la, 'H');
  const i = new CaseFixture(la, 'I');
  const j = new CaseFixture(la, 'J');
  const k = new CaseFixture(la, 'K');

  // A: decided in 5 weeks; final plan 133 days after the request (within 20 weeks, due 27 May); draft 22 Apr,
  // representations end 6 May, final 20 May: no breach.
  a.fact('AssessmentRequested', '2024-01-08', {
    requestSource: 'school',
    birthMonth: '2015-03',
    primaryNeed: 'ASD',
    team: 'north',
  });
  a.fact('AssessmentDecisionMade', '2024-02-12', { decision: 'assess' });
  a.fact('PlanDecisionMade', '2024-04-15', { decision: 'issue' });
  a.fact('DraftPlanIssued', '2024-04-22', {});
  a.fact('FinalPlanIssued', '2024-05-20', {});

  // B: decided in 7 weeks (due 26 Feb: late); an exception; final 154 days (22 weeks) after, due 3 Jun: late;
  // final a week after the draft: a representation breach.
  b.fact('AssessmentRequested', '2024-01-15', {
    requestSource: 'parent-or-young-person',
    birthMonth: '2019-09',
    primaryNeed: 'SLCN',
    team: 'south',
  });
  b.fact('AssessmentDecisionMade', '2024-03-04', { decision: 'assess' });
  b.fact('TimescaleExceptionApplied', '2024-03-10', {
    reason: 'personal-circumstances',
    from: '2024-03-10',
    to: '2024-04-20',
  });
  b.fact('PlanDecisionMade', '2024-05-27', { decision: 'issue' });
  b.fact('DraftPlanIssued', '2024-06-10', {});
  b.fact('FinalPlanIssued', '2024-06-17', {});

  // C: final first recorded on 28 Jun (144 days, late: due 24 Jun), corrected to 21 Jun (137 days, within).
  c.fact('AssessmentRequested', '2024-02-05', {
    requestSource: 'health',
    birthMonth: '2010-06',
    primaryNeed: 'ASD',
    team: 'north',
  });
  c.fact('AssessmentDecisionMade', '2024-03-01', { decision: 'assess' });
  c.fact('PlanDecisionMade', '2024-05-13', { decision: 'issue' });
  c.fact('DraftPlanIssued', '2024-05-20', {});
  const cFinal = c.fact('FinalPlanIssued', '2024-06-28', {});

  // D: a refusal in 4 weeks, later retracted: the request is open again (6-week decision due 15 Apr).
  d.fact('AssessmentRequested', '2024-03-04', {
    requestSource: 'school',
    birthMonth: '2012-01',
    primaryNeed: 'SEMH',
    team: 'south',
  });
  const dRefusal = d.fact('AssessmentDecisionMade', '2024-04-01', { decision: 'refuse' });

  // E: assessed, no-plan notice at 17 weeks (due 13 May: late); appeal won; plan made under the order
  // (make and maintain, ordered 2 Sep: final due 18 Nov), issued 4 Nov, order complied with the same day.
  e.fact('AssessmentRequested', '2024-01-22', {
    requestSource: 'parent-or-young-person',
    birthMonth: '2016-11',
    primaryNeed: 'SPLD',
    team: 'north',
  });
  e.fact('AssessmentDecisionMade', '2024-02-26', { decision: 'assess' });
  e.fact('PlanDecisionMade', '2024-05-20', { decision: 'no-plan' });
  e.fact('TribunalAppealRegistered', '2024-06-10', {
    appealId: 'E-1',
    against: 'refusal-to-issue',
    decisionDate: '2024-05-20',
  });
  e.fact('TribunalAppealDecided', '2024-09-02', {
    appealId: 'E-1',
    outcome: 'appellant-favour',
    orders: [{ orderId: 'E-1-o1', kind: 'make-and-maintain' }],
  });
  e.fact('FinalPlanIssued', '2024-11-04', {});
  e.fact('TribunalOrderComplied', '2024-11-04', { appealId: 'E-1', orderId: 'E-1-o1' });

  // F: withdrawn before any decision.
  f.fact('AssessmentRequested', '2024-02-01', { requestSource: 'other', primaryNeed: 'MLD', team: 'south' });
  f.fact('AssessmentRequestWithdrawn', '2024-02-20', {});

  // G: plan of 1 Mar 2023; review due 29 Feb 2024 (12 months beginning with the issue date); the meeting of
  // 20 Feb (on time) and the decision of 5 Mar (within 4 weeks) are recorded late.
  g.fact('AssessmentRequested', '2022-10-17', { requestSource: 'school', primaryNeed: 'ASD', team: 'north' });
  g.fact('FinalPlanIssued', '2023-03-01', {});

  // H: plan of 10 Jan 2023, review due 9 Jan 2024, held 1 Feb (late), decision to amend 15 Feb (within 4
  // weeks), notice 15 Feb, amended plan 1 Apr (due 11 Apr: on time). A phase transfer for 2024 (to be amended before 15
  // Feb 2024, so by 14 Feb, reg 18(1)) amended on 1 Apr: missed.
  h.fact('AssessmentRequested', '2022-08-30', { requestSource: 'school', primaryNeed: 'MLD', team: 'south' });
  h.fact('FinalPlanIssued', '2023-01-10', {});
  h.fact('AnnualReviewMeetingHeld', '2024-02-01', { phaseTransfer: { toPhase: 'secondary', transferYear: 2024 } });
  h.fact('AnnualReviewDecisionNotified', '2024-02-15', { decision: 'amend' });
  h.fact('AmendmentNoticeIssued', '2024-02-15', {});
  h.fact('AmendedPlanIssued', '2024-04-01', {});

  // I: plan of 1 Feb 2023, review due 31 Jan 2024, never held (overdue); ceased 30 Sep 2024 as needs met.
  i.fact('AssessmentRequested', '2022-09-19', { requestSource: 'health', primaryNeed: 'PD', team: 'north' });
  i.fact('FinalPlanIssued', '2023-02-01', {});
  i.fact('PlanCeased', '2024-09-30', { reason: 2 });

  // J: transferred in on 11 Mar 2024 (a separate cohort); last review 20 Nov 2023, so review due 19 Nov 2024.
  j.fact('PlanTransferredIn', '2024-03-11', { fromLa: '301', lastReviewDate: '2023-11-20' });
  j.fact('CaseDetailsUpdated', '2024-03-11', { primaryNeed: 'HI', team: 'south', birthMonth: '2008-05' });

  // K: refused in 5 weeks; appeal registered 1 Mar, withdrawn 10 Apr.
  k.fact('AssessmentRequested', '2024-01-03', { requestSource: 'parent-or-young-person', team: 'north' });
  k.fact('AssessmentDecisionMade', '2024-02-07', { decision: 'refuse' });
  k.fact('TribunalAppealRegistered', '2024-03-01', {
    appealId: 'K-1',
    against: 'refusal-to-assess',
    decisionDate: '2024-02-07',
  });
  k.fact('TribunalAppealWithdrawn', '2024-04-10', { appealId: 'K-1' });

  const initial: PathwayEvent[] = [a, b, c, d, e, f, g, h, i, j, k].flatMap((fixture) => fixture.events);

  const amendments: PathwayEvent[] = [
    c.fact('EventCorrected', '2024-07-01', { correctedEventId: cFinal.eventId, occurredOn: '2024-06-21' }),
    d.fact('EventRetracted', '2024-05-01', { retractedEventId: dRefusal.eventId, reason: 'entered on the wrong case' }),
  ];

  const late: PathwayEvent[] = [
    g.fact('AnnualReviewMeetingHeld', '2024-02-20', {}),
    g.fact('AnnualReviewDecisionNotified', '2024-03-05', { decision: 'maintain' }),
  ];

  return { initial, amendments, late };
}
