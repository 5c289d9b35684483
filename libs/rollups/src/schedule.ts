import { Cron } from 'croner';

/**
 * When the weekly rollups run: a five-field cron expression (minute hour day-of-month month day-of-week) read as
 * wall-clock time in a time zone, Europe/London by default. The expression is parsed and matched by croner (`*`,
 * numbers, ranges, steps, lists, MON..SUN; 0 and 7 are Sunday; when both day fields are restricted a day matching
 * either runs, as in cron).
 *
 * croner matches wall-clock times; this module maps them to instants with these clock-change rules: a wall-clock
 * time that does not exist (the spring-forward hour) runs at the same distance past the change, i.e. one hour later;
 * one that happens twice (the autumn hour) runs once, at its first occurrence.
 */
export const DEFAULT_ROLLUP_SCHEDULE = '0 6 * * 1';
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Europe/London';

export interface Schedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The expression matched against wall-clock times (held as UTC dates, so that croner applies no zone). */
  readonly wallClockCron: Cron;
}

export class InvalidScheduleError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid rollup schedule ${JSON.stringify(expression)}: ${reason}`);
    this.name = 'InvalidScheduleError';
  }
}

export function parseSchedule(expression: string, timeZone: string = DEFAULT_SCHEDULE_TIME_ZONE): Schedule {
  if (expression.trim().split(/\s+/).length !== 5) {
    throw new InvalidScheduleError(expression, 'expected five fields: minute hour day-of-month month day-of-week');
  }
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new InvalidScheduleError(expression, `unknown time zone ${JSON.stringify(timeZone)}`);
  }
  try {
    return { expression, timeZone, wallClockCron: new Cron(expression.trim(), { timezone: 'UTC', paused: true }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
    throw new InvalidScheduleError(expression, reason);
  }
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
  };
}

/** The zone's offset from UTC at an instant, in ms (BST: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

const HOUR = 3_600_000;

/** The instant of a wall-clock time in the zone (see the module comment for the clock-change rules). */
export function instantOfWallClock(wall: WallClock, timeZone: string): number {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetAt(local - 12 * HOUR, timeZone);
  const after = offsetAt(local + 12 * HOUR, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((instant) => local - offsetAt(instant, timeZone) === instant)
    .sort((a, b) => a - b);
  // A time in the gap: the offset before the change carries it past the gap.
  return valid[0] ?? local - before;
}

/** The first run strictly after `after`. */
export function nextRunAfter(schedule: Schedule, after: Date): Date {
  const start = wallClock(after.getTime(), schedule.timeZone);
  let wall = new Date(Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute));
  // A wall-clock time whose instant is not after `after` (the second pass of an autumn hour, or a time that a
  // spring gap moved) is skipped for the next one; a few steps always suffice.
  for (let step = 0; step < 8; step += 1) {
    const next = schedule.wallClockCron.nextRun(wall);
    if (next === null) break;
    const instant = instantOfWallClock(
      {
        year: next.getUTCFullYear(),
        month: next.getUTCMonth() + 1,
        day: next.getUTCDate(),
        hour: next.getUTCHours(),
        minute: next.getUTCMinutes(),
      },
      schedule.timeZone,
    );
    if (instant > after.getTime()) return new Date(instant);
    wall = next;
  }
  throw new InvalidScheduleError(schedule.expression, 'it never runs');
}
