/**
 * When the weekly rollups run: a five-field cron expression (minute hour day-of-month month day-of-week) read as
 * wall-clock time in a time zone, Europe/London by default. Each field takes `*`, a number, a range `a-b`, a step
 * `*\/n` or `a-b/n`, and comma-separated lists of those; day-of-week is 0-7 (0 and 7 are Sunday) or MON..SUN.
 * As in cron, when both day fields are restricted a day matching either runs.
 *
 * Clock changes: a wall-clock time that does not exist (the spring-forward hour) runs at the same distance past the
 * change, i.e. one hour later; one that happens twice (the autumn hour) runs once, at its first occurrence.
 */
export const DEFAULT_ROLLUP_SCHEDULE = '0 6 * * 1';
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Europe/London';

export interface Schedule {
  readonly expression: string;
  readonly timeZone: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

export class InvalidScheduleError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid rollup schedule ${JSON.stringify(expression)}: ${reason}`);
    this.name = 'InvalidScheduleError';
  }
}

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseSchedule(expression: string, timeZone: string = DEFAULT_SCHEDULE_TIME_ZONE): Schedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new InvalidScheduleError(expression, 'expected five fields: minute hour day-of-month month day-of-week');
  }
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new InvalidScheduleError(expression, `unknown time zone ${JSON.stringify(timeZone)}`);
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const weekdays = parseField(expression, 'day-of-week', dayOfWeek, 0, 7, WEEKDAYS);
  return {
    expression,
    timeZone,
    minutes: [...parseField(expression, 'minute', minute, 0, 59)].sort((a, b) => a - b),
    hours: [...parseField(expression, 'hour', hour, 0, 23)].sort((a, b) => a - b),
    daysOfMonth: parseField(expression, 'day-of-month', dayOfMonth, 1, 31),
    months: parseField(expression, 'month', month, 1, 12),
    daysOfWeek: new Set([...weekdays].map((day) => day % 7)),
    dayOfMonthRestricted: dayOfMonth !== '*',
    dayOfWeekRestricted: dayOfWeek !== '*',
  };
}

function parseField(
  expression: string,
  name: string,
  field: string,
  min: number,
  max: number,
  names: readonly string[] = [],
): Set<number> {
  const values = new Set<number>();
  const number = (text: string): number => {
    const named = names.indexOf(text.toUpperCase());
    if (named >= 0) return named;
    if (!/^\d+$/.test(text)) throw new InvalidScheduleError(expression, `${name} "${text}" is not a number`);
    const value = Number(text);
    if (value < min || value > max)
      throw new InvalidScheduleError(expression, `${name} ${value} is outside ${min}-${max}`);
    return value;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new InvalidScheduleError(expression, `${name} step "${stepText}"`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [from, to] = [number(a), number(b)];
      if (from > to) throw new InvalidScheduleError(expression, `${name} range ${range} runs backwards`);
    } else {
      from = number(range);
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
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

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first run strictly after `after`; searches up to eight years ahead (enough for 29 February). */
export function nextRunAfter(schedule: Schedule, after: Date): Date {
  const start = wallClock(after.getTime(), schedule.timeZone);
  let { year, month, day } = start;
  for (let i = 0; i < 366 * 8 + 2; i += 1) {
    if (schedule.months.has(month) && dayMatches(schedule, year, month, day)) {
      // The day's times in order, except that a time moved past a spring-forward gap may overtake later ones.
      let soonest = Number.POSITIVE_INFINITY;
      for (const hour of schedule.hours) {
        for (const minute of schedule.minutes) {
          const instant = instantOfWallClock({ year, month, day, hour, minute }, schedule.timeZone);
          if (instant > after.getTime() && instant < soonest) soonest = instant;
        }
      }
      if (soonest !== Number.POSITIVE_INFINITY) return new Date(soonest);
    }
    day += 1;
    if (day > daysInMonth(year, month)) {
      day = 1;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  throw new InvalidScheduleError(schedule.expression, 'it never runs');
}

function dayMatches(schedule: Schedule, year: number, month: number, day: number): boolean {
  const dayOfMonth = schedule.daysOfMonth.has(day);
  const dayOfWeek = schedule.daysOfWeek.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return dayOfMonth || dayOfWeek;
  return dayOfMonth && dayOfWeek;
}
