import { LA_CODE } from '#http';
import { BadRequestException } from '@nestjs/common';
import { addDays, addMonths, isIsoDate, type IsoDate } from '#calendar';
import { BREAKDOWNS, type Breakdown } from '../breakdowns.js';
import type { KpiQuery } from '../kpi-service.js';
import { GROUP_BY, type GroupBy } from '../periods.js';

const CASE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_YEARS = 15;

export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

export function parseLa(la: string): string {
  if (!LA_CODE.test(la)) throw new BadRequestException(`la must be a DfE three-digit LA code, got "${la}"`);
  return la;
}

export function parseCaseId(caseId: string): string {
  if (!CASE_ID.test(caseId)) {
    throw new BadRequestException('caseId must be 1-64 letters, digits, dots, dashes or underscores');
  }
  return caseId;
}

/**
 * The query of a KPI route: `from`, `to` (ISO dates, default the 12 months to today), `groupBy`
 * (month | quarter | year, default month), `breakdown`, `asOf` (an ISO instant; a date means the end of that day,
 * UTC), `includeCases`. Every problem is reported at once; an unknown parameter is a problem too.
 */
export function parseKpiQuery(raw: RawQuery, today: IsoDate): KpiQuery {
  const problems: string[] = [];
  const value = single(raw, problems);
  rejectUnknown(raw, ['from', 'to', 'groupBy', 'breakdown', 'asOf', 'includeCases'], problems);

  const to = date(value('to'), 'to', problems) ?? today;
  const from = date(value('from'), 'from', problems) ?? addDays(addMonths(to, -12), 1);
  if (from > to) problems.push(`from (${from}) must be on or before to (${to})`);
  else if (addMonths(from, MAX_YEARS * 12) <= to) problems.push(`from and to may be at most ${MAX_YEARS} years apart`);

  const groupBy = oneOf<GroupBy>(value('groupBy'), 'groupBy', GROUP_BY, problems) ?? 'month';
  const breakdown = oneOf<Breakdown>(value('breakdown'), 'breakdown', BREAKDOWNS, problems) ?? null;
  const asOf = instant(value('asOf'), problems);
  const includeCases = flag(value('includeCases'), 'includeCases', problems);
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  return { from, to, groupBy, breakdown, includeCases, ...(asOf === undefined ? {} : { asOf }) };
}

/** The query of the at-risk route: `withinDays` (0-366, default 28) and `asOf`. */
export function parseAtRiskQuery(raw: RawQuery): { withinDays: number; asOf?: Date } {
  const problems: string[] = [];
  const value = single(raw, problems);
  rejectUnknown(raw, ['withinDays', 'asOf'], problems);
  const rawDays = value('withinDays');
  let withinDays = 28;
  if (rawDays !== undefined) {
    withinDays = Number(rawDays);
    if (!/^\d+$/.test(rawDays) || withinDays > 366) {
      problems.push(`withinDays must be a whole number from 0 to 366, got "${rawDays}"`);
    }
  }
  const asOf = instant(value('asOf'), problems);
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  return { withinDays, ...(asOf === undefined ? {} : { asOf }) };
}

export function parseAsOfOnly(raw: RawQuery): Date | undefined {
  const problems: string[] = [];
  const value = single(raw, problems);
  rejectUnknown(raw, ['asOf'], problems);
  const asOf = instant(value('asOf'), problems);
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  return asOf;
}

function single(raw: RawQuery, problems: string[]): (name: string) => string | undefined {
  return (name) => {
    const v = raw[name];
    if (Array.isArray(v)) {
      problems.push(`${name} may be given once`);
      return undefined;
    }
    return v === '' ? undefined : v;
  };
}

function rejectUnknown(raw: RawQuery, known: readonly string[], problems: string[]): void {
  for (const name of Object.keys(raw)) {
    if (!known.includes(name)) problems.push(`unknown parameter "${name}" (allowed: ${known.join(', ')})`);
  }
}

function date(raw: string | undefined, name: string, problems: string[]): IsoDate | undefined {
  if (raw === undefined) return undefined;
  const given: string = raw;
  if (!isIsoDate(raw)) {
    problems.push(`${name} must be an ISO date (YYYY-MM-DD), got "${given}"`);
    return undefined;
  }
  if (!inQueryRange(raw)) {
    problems.push(`${name} must fall from ${QUERY_RANGE.from} to ${QUERY_RANGE.to}, got "${given}"`);
    return undefined;
  }
  return raw;
}

/** The dates a query may name: far enough back for any plan in force, far enough ahead for any deadline. */
export const QUERY_RANGE = { from: '1990-01-01', to: '2100-12-31' } as const;

function inQueryRange(date: string): boolean {
  return date >= QUERY_RANGE.from && date <= QUERY_RANGE.to;
}

function oneOf<T extends string>(
  raw: string | undefined,
  name: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  if (raw === undefined) return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return undefined;
}

function flag(raw: string | undefined, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  problems.push(`${name} must be true or false, got "${raw}"`);
  return false;
}

function instant(raw: string | undefined, problems: string[]): Date | undefined {
  if (raw === undefined) return undefined;
  const given: string = raw;
  if (isIsoDate(raw)) {
    if (inQueryRange(raw)) return new Date(`${raw}T23:59:59.999Z`);
    problems.push(`asOf must fall from ${QUERY_RANGE.from} to ${QUERY_RANGE.to}, got "${given}"`);
    return undefined;
  }
  const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
  const parsed = Date.parse(raw);
  if (!isoInstant.test(raw) || Number.isNaN(parsed)) {
    problems.push(`asOf must be an ISO instant (e.g. 2024-06-30T17:00:00Z) or date, got "${given}"`);
    return undefined;
  }
  if (!inQueryRange(given.slice(0, 10))) {
    problems.push(`asOf must fall from ${QUERY_RANGE.from} to ${QUERY_RANGE.to}, got "${given}"`);
    return undefined;
  }
  return new Date(parsed);
}
