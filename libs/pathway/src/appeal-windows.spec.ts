import { describe, expect, it } from '@jest/globals';
import { caseClock } from './clock.js';
import { facts } from './testing/builders.js';

describe('the appeal window shows on the clock from the appealable decision itself', () => {
  it('a refusal to assess of 4 March 2024: the window ends Tuesday 7 May (HESC r.12(2)), before any appeal', () => {
    const events = [facts.requested('2024-01-22'), facts.refusedToAssess('2024-03-04')];
    expect(caseClock(events, '2024-03-10').appealWindows).toEqual([
      {
        against: 'refusal-to-assess',
        decidedOn: '2024-03-04',
        decisionEventId: events[1]!.eventId,
        mediationCertificateOn: null,
        deadline: '2024-05-07', // 4 May is a Saturday, 6 May the early May bank holiday
        appealId: null,
        status: 'open',
      },
    ]);
    expect(caseClock(events, '2024-05-08').appealWindows[0]!.status).toBe('closed');
  });

  it('extends the window by a mediation certificate and marks the decision appealed once registered', () => {
    const events = [
      facts.requested('2024-01-22'),
      facts.refusedToAssess('2024-03-04'),
      facts.mediation('2024-04-26', '2024-03-04'),
    ];
    expect(caseClock(events, '2024-05-01').appealWindows[0]).toMatchObject({
      mediationCertificateOn: '2024-04-26',
      deadline: '2024-05-28', // 26 May is a Sunday, 27 May the spring bank holiday
      status: 'open',
    });
    const appealed = caseClock([...events, facts.appealRegistered('2024-05-20', 'A1', '2024-03-04')], '2024-06-01');
    expect(appealed.appealWindows[0]).toMatchObject({ appealId: 'A1', status: 'appealed' });
  });

  it('covers a no-plan decision, the final plan, an amended plan and a cease decision', () => {
    const noPlan = caseClock(
      [facts.requested('2024-01-08'), facts.decidedToAssess('2024-02-01'), facts.noPlan('2024-04-10')],
      '2024-04-11',
    );
    expect(noPlan.appealWindows.map((w) => [w.against, w.deadline])).toEqual([['refusal-to-issue', '2024-06-10']]);
    const plan = caseClock(
      [
        facts.requested('2023-01-09'),
        facts.decidedToAssess('2023-02-01'),
        facts.final('2023-05-10'),
        facts.amendmentNotice('2023-09-01'),
        facts.amendedPlan('2023-10-02'),
        facts.ceased('2024-06-03', 2),
      ],
      '2024-06-04',
    );
    expect(plan.appealWindows.map((w) => [w.against, w.decidedOn, w.deadline, w.status])).toEqual([
      ['plan-contents', '2023-05-10', '2023-07-10', 'closed'],
      ['plan-contents', '2023-10-02', '2023-12-04', 'closed'], // 2 December 2023 is a Saturday
      ['cease', '2024-06-03', '2024-09-02', 'open'], // 3 August falls in August: the first working day of September
    ]);
  });

  it('has no window for a plan taken on from another LA, or a plan ceased on transfer or death', () => {
    const clock = caseClock([facts.transferredIn('2024-01-08', '201'), facts.ceased('2024-03-01', 8)], '2024-03-02');
    expect(clock.appealWindows).toEqual([]);
  });
});
