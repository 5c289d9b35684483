import { describe, expect, it } from '@jest/globals';
import { HEADLINES } from '#kpis';
import type { BoardPack } from './board-pack.js';
import { boardPackDocument } from './board-pack.html.js';

const HOSTILE = '<img src=x onerror="alert(1)">&\'';

function pack(overrides: Partial<BoardPack> = {}): BoardPack {
  return {
    la: { code: '202', name: 'Camden', region: 'London' },
    week: '2024-W10',
    weekStart: '2024-03-04',
    weekEnd: '2024-03-10',
    from: '2023-03-11',
    to: '2024-03-10',
    preparedAt: '2024-03-11T09:00:00.000Z',
    headlines: HEADLINES.map((headline, i) => ({
      ...headline,
      figure:
        headline.kind === 'rate'
          ? { numerator: 3, denominator: 4, rate: 0.75 }
          : { numerator: 4184, denominator: null, rate: null },
      trend: [
        { month: '2024-01', value: i === 0 ? null : 0.5 },
        { month: '2024-02', value: 0.6 },
        { month: '2024-03', value: 0.7 },
      ],
      comparator:
        headline.benchmark === null
          ? null
          : { measure: headline.benchmark, year: 2023, timePeriod: '2023', la: 0.162, region: null, england: 0.464 },
    })),
    comparatorYear: 2023,
    atRisk: {
      today: '2024-03-11',
      withinDays: 14,
      overdue: 2,
      dueSoon: 1,
      byStep: [{ key: 'final-plan', overdue: 2, dueSoon: 1 }],
      byTeam: [{ key: HOSTILE, overdue: 2, dueSoon: 1 }],
    },
    revisions: { revisions: [], changed: [] },
    licence: 'OGL',
    ...overrides,
  };
}

describe('the board pack page', () => {
  it('escapes every value it prints (a team name is whatever a case system sent)', () => {
    const html = boardPackDocument(pack());
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    expect(html).not.toMatch(/<script|<[^>]*\son\w+=/i);
  });

  it('writes rates with their numerator and denominator, comparators as percentages, a dash where none', () => {
    const html = boardPackDocument(pack());
    expect(html).toContain('data-figure="withinTwentyWeeksIncludingExceptions">75.0% (3 of 4)</td>');
    expect(html).toContain('data-figure="activePlans">4,184</td>');
    expect(html).toMatch(/16\.2%<\/td>\s*<td class="bp-num">–<\/td><td class="bp-num">46\.4%/);
  });

  it('gives each trend line a text alternative with its first, last, lowest and highest month', () => {
    const html = boardPackDocument(pack());
    expect(html).toContain(
      'aria-label="Decisions within 6 weeks: 60.0% in 2024-02, 70.0% in 2024-03; lowest 60.0%, highest 70.0%"',
    );
  });

  it('says when the week has never been reported, and what later revisions changed', () => {
    expect(boardPackDocument(pack())).toContain('No weekly rollup has been published for 2024-W10 yet');
    const revised = boardPackDocument(
      pack({
        revisions: {
          revisions: [
            { revision: 1, computedAt: '2024-03-11T06:00:00.000Z' },
            { revision: 2, computedAt: '2024-03-18T06:00:00.000Z' },
          ],
          changed: [
            {
              period: 'thisWeek',
              figure: 'decisionsWithinSixWeeks',
              firstReported: { numerator: 0, denominator: 0, rate: null },
              knownNow: { numerator: 1, denominator: 1, rate: 1 },
            },
          ],
        },
      }),
    );
    expect(revised).toContain('2 revisions: revision 1 on 2024-03-11 06:00 UTC; revision 2 on 2024-03-18 06:00 UTC.');
    expect(revised).toMatch(
      /Decisions within 6 weeks<\/th><td>The week<\/td><td class="bp-num">– \(0 of 0\)<\/td><td class="bp-num">100\.0% \(1 of 1\)/,
    );
  });
});
