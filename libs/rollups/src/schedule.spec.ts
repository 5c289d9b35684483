import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_ROLLUP_SCHEDULE, InvalidScheduleError, nextRunAfter, parseSchedule } from './schedule.js';

const londonWall = (instant: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);

describe('rollup schedule: next run time', () => {
  const weekly = parseSchedule(DEFAULT_ROLLUP_SCHEDULE);

  it('runs on Monday at 06:00 London time: 05:00 UTC in summer (BST)', () => {
    expect(nextRunAfter(weekly, new Date('2024-07-10T12:00:00Z')).toISOString()).toBe('2024-07-15T05:00:00.000Z');
  });

  it('runs on Monday at 06:00 London time: 06:00 UTC in winter (GMT)', () => {
    expect(nextRunAfter(weekly, new Date('2024-01-10T12:00:00Z')).toISOString()).toBe('2024-01-15T06:00:00.000Z');
  });

  it('is strictly after the instant given: at the run time itself, the next is a week on', () => {
    expect(nextRunAfter(weekly, new Date('2024-01-15T06:00:00Z')).toISOString()).toBe('2024-01-22T06:00:00.000Z');
    expect(nextRunAfter(weekly, new Date('2024-01-15T05:59:59Z')).toISOString()).toBe('2024-01-15T06:00:00.000Z');
  });

  it('crosses the spring change (clocks forward on Sunday 30 March 2025)', () => {
    // Monday 24 March is GMT; the next Monday is BST, an hour earlier in UTC.
    const first = nextRunAfter(weekly, new Date('2025-03-24T00:00:00Z'));
    const second = nextRunAfter(weekly, first);
    expect(first.toISOString()).toBe('2025-03-24T06:00:00.000Z');
    expect(second.toISOString()).toBe('2025-03-31T05:00:00.000Z');
    expect(second.getTime() - first.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });

  it('crosses the autumn change (clocks back on Sunday 26 October 2025)', () => {
    const first = nextRunAfter(weekly, new Date('2025-10-20T00:00:00Z'));
    const second = nextRunAfter(weekly, first);
    expect(first.toISOString()).toBe('2025-10-20T05:00:00.000Z');
    expect(second.toISOString()).toBe('2025-10-27T06:00:00.000Z');
    expect(second.getTime() - first.getTime()).toBe((7 * 24 + 1) * 3_600_000);
  });

  it('runs a time inside the spring-forward gap an hour later, once', () => {
    const sundayHalfPastOne = parseSchedule('30 1 * * SUN');
    const run = nextRunAfter(sundayHalfPastOne, new Date('2025-03-29T12:00:00Z'));
    // 01:30 GMT does not exist on 30 March 2025: the run is at 02:30 BST = 01:30 UTC.
    expect(run.toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(londonWall(run)).toBe('Sun, 30/03/2025, 02:30');
    expect(nextRunAfter(sundayHalfPastOne, run).toISOString()).toBe('2025-04-06T00:30:00.000Z');
  });

  it('runs a time that happens twice in the autumn once, at its first occurrence', () => {
    const sundayHalfPastOne = parseSchedule('30 1 * * 0');
    const run = nextRunAfter(sundayHalfPastOne, new Date('2025-10-25T12:00:00Z'));
    expect(run.toISOString()).toBe('2025-10-26T00:30:00.000Z'); // 01:30 BST
    // Not again at 01:30 GMT (01:30 UTC) the same night: the next is a week later.
    expect(nextRunAfter(sundayHalfPastOne, run).toISOString()).toBe('2025-11-02T01:30:00.000Z');
  });

  it('keeps a gap-shifted run in time order with the other times of that day', () => {
    const twice = parseSchedule('15,30 1,2 30 3 *');
    const after = new Date('2025-03-30T00:00:00Z');
    // 01:15 and 01:30 do not exist (they run at 02:15 and 02:30 BST); 02:15 BST = 01:15 UTC comes first.
    expect(nextRunAfter(twice, after).toISOString()).toBe('2025-03-30T01:15:00.000Z');
  });

  it('matches either day field when both are restricted, as cron does', () => {
    const firstOrFriday = parseSchedule('0 9 1 * 5');
    // Wednesday 31 Jan 2024 -> Thursday 1 Feb (day of month) before Friday 2 Feb.
    expect(nextRunAfter(firstOrFriday, new Date('2024-01-31T12:00:00Z')).toISOString()).toBe(
      '2024-02-01T09:00:00.000Z',
    );
    expect(nextRunAfter(firstOrFriday, new Date('2024-02-01T12:00:00Z')).toISOString()).toBe(
      '2024-02-02T09:00:00.000Z',
    );
  });

  it('supports steps, ranges and lists, and 7 as Sunday', () => {
    const everyQuarterHourMornings = parseSchedule('*/15 6-7 * * MON-FRI');
    // Friday 12 January 2024, 07:50 GMT: the next runs are Monday's 06:00, 06:15...
    let at = new Date('2024-01-12T07:40:00Z');
    const runs: string[] = [];
    for (let i = 0; i < 3; i += 1) runs.push((at = nextRunAfter(everyQuarterHourMornings, at)).toISOString());
    expect(runs).toEqual(['2024-01-12T07:45:00.000Z', '2024-01-15T06:00:00.000Z', '2024-01-15T06:15:00.000Z']);
    expect(nextRunAfter(parseSchedule('0 6 * * 7'), new Date('2024-01-10T12:00:00Z')).toISOString()).toBe(
      '2024-01-14T06:00:00.000Z',
    );
  });

  it('finds a run on 29 February years ahead', () => {
    const leapDay = parseSchedule('0 0 29 2 *');
    expect(nextRunAfter(leapDay, new Date('2025-03-01T00:00:00Z')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('rejects malformed schedules with the reason', () => {
    expect(() => parseSchedule('0 6 * *')).toThrow(InvalidScheduleError);
    expect(() => parseSchedule('60 6 * * 1')).toThrow(/minute: 60/);
    expect(() => parseSchedule('0 6 * * FUNDAY')).toThrow(/FUNDAY/);
    expect(() => parseSchedule('0 9-6 * * 1')).toThrow(/9-6/);
    expect(() => parseSchedule('0 6 * * 1', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => nextRunAfter(parseSchedule('0 0 31 2 *'), new Date())).toThrow(/never runs/);
  });

  it('property: every run is after the instant, at a scheduled London wall-clock time, and within the longest gap', () => {
    const schedule = parseSchedule('20 1,6 * * *');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        (after) => {
          const run = nextRunAfter(schedule, after);
          expect(run.getTime()).toBeGreaterThan(after.getTime());
          const wall = londonWall(run);
          // 01:20 falls in the spring gap once a year and then runs at 02:20.
          expect(wall).toMatch(/, (01|02|06):20$/);
          // Runs are at most 19 hours apart (06:20 to the next 01:20), so none can have been passed over.
          expect(run.getTime() - after.getTime()).toBeLessThanOrEqual(19 * 3_600_000);
        },
      ),
      { numRuns: 300 },
    );
  });
});
