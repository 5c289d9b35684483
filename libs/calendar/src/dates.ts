import { civilFromDayNumber, dayNumberFromCivil, daysInMonth, weekdayOfDayNumber, type CivilDate } from './civil.js';

/** A calendar date as `YYYY-MM-DD` (years 0001..9999), with no time and no time zone. */
export type IsoDate = string;

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

const ISO_DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`Invalid ISO date ${describeInput(input)}: ${reason}`);
    this.name = 'InvalidDateError';
  }
}

function describeInput(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : `(${typeof input})`;
}

/** Why `input` is not a valid ISO date, or its year, month and day when it is one. */
function problemWith(input: unknown): { reason: string } | CivilDate {
  if (typeof input !== 'string') return { reason: 'expected a string in the form YYYY-MM-DD' };
  const match = ISO_DATE_SHAPE.exec(input);
  if (!match) return { reason: 'expected the form YYYY-MM-DD' };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR) return { reason: `year must be ${MIN_YEAR}..${MAX_YEAR}` };
  if (month < 1 || month > 12) return { reason: `month must be 01..12` };
  const length = daysInMonth(year, month);
  if (day < 1 || day > length) return { reason: `day must be 01..${length} in ${match[1]}-${match[2]}` };
  return { year, month, day };
}

export function isIsoDate(s: unknown): s is IsoDate {
  return !('reason' in problemWith(s));
}

/** Returns `s` unchanged when it is a real date in the form YYYY-MM-DD; throws InvalidDateError otherwise. */
export function parseIsoDate(s: string): IsoDate {
  const checked = problemWith(s);
  if ('reason' in checked) throw new InvalidDateError(s, checked.reason);
  return s;
}

export function toCivil(d: IsoDate): CivilDate {
  const checked = problemWith(d);
  if ('reason' in checked) throw new InvalidDateError(d, checked.reason);
  return checked;
}

/** Days since 1970-01-01 of a valid ISO date; throws InvalidDateError otherwise. */
export function toDayNumber(d: IsoDate): number {
  const { year, month, day } = toCivil(d);
  return dayNumberFromCivil(year, month, day);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`date out of range: year ${year} is outside ${MIN_YEAR}..${MAX_YEAR}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return formatIsoDate(year, month, day);
}

export function requireInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  requireInteger('days', n);
  return fromDayNumber(toDayNumber(d) + n);
}

/** `to - from` in days: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative when `a` is earlier, 0 when equal, positive when `a` is later. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

function pick(ds: IsoDate[], later: boolean): IsoDate {
  const [first, ...rest] = ds;
  if (first === undefined) throw new RangeError('at least one date is required');
  let best = parseIsoDate(first);
  for (const d of rest) {
    const c = compareDates(d, best);
    if (later ? c > 0 : c < 0) best = d;
  }
  return best;
}

export function maxDate(...ds: IsoDate[]): IsoDate {
  return pick(ds, true);
}

export function minDate(...ds: IsoDate[]): IsoDate {
  return pick(ds, false);
}

/** ISO weekday: 1 = Monday .. 7 = Sunday. */
export function dayOfWeek(d: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(d));
}
