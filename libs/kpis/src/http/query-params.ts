import { LA_CODE } from '#http';
import { BadRequestException } from '@nestjs/common';
import { addDays, addMonths, isIsoDate, type IsoDate } from '#calendar';
import { BREAKDOWNS, type Breakdown } from '../breakdowns.js';
import { PRIMARY_NEEDS, WORKLIST_STEPS } from '#pathway';
import type { AtRiskQuery, KpiQuery } from '../kpi-service.js';
import { AT_RISK_STATUSES, decodeCursor, NO_TEAM, type AtRiskFilters, type AtRiskStatus } from '../measures/at-risk.js';
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

/** The stages a case can be at, as at-risk filters them. */
export const CASE_STAGES = [
  'no-request',
  'requested',
  'assessing',
  'drafting',
  'plan-active',
  'ceased',
  'transferred-out',
] as const;

/** The at-risk page size: the default and the most one page may hold (exports list the whole filtered list). */
export const AT_RISK_LIMIT = { default: 100, max: 500 } as const;

/**
 * The query of the at-risk route: `withinDays` (0-366, default 28), `asOf`, the filters `team`, `step`,
 * `primaryNeed`, `status` and `stage` (each one value or a comma-separated list), `limit` (1-500, default 100) and
 * `cursor` (from the previous page's `nextCursor`). `whole` drops the paging (exports).
 */
export function parseAtRiskQuery(raw: RawQuery, whole = false): AtRiskQuery {
  const problems: string[] = [];
  const value = single(raw, problems);
  rejectUnknown(
    raw,
    ['withinDays', 'asOf', 'team', 'step', 'primaryNeed', 'status', 'stage', 'limit', 'cursor'],
    problems,
  );
  const withinDays = wholeNumber(value('withinDays'), 'withinDays', 0, 366, problems) ?? 28;
  const limit = wholeNumber(value('limit'), 'limit', 1, AT_RISK_LIMIT.max, problems) ?? AT_RISK_LIMIT.default;
  const rawCursor = value('cursor');
  const after = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== undefined && after === undefined) {
    problems.push('cursor must be the nextCursor of an earlier page, unchanged');
  }
  const team = list(value('team'), 'team', null, problems);
  const step = list(value('step'), 'step', WORKLIST_STEPS, problems);
  const primaryNeed = list(value('primaryNeed'), 'primaryNeed', [...PRIMARY_NEEDS, NO_TEAM], problems);
  const status = list(value('status'), 'status', AT_RISK_STATUSES, problems) as AtRiskStatus[] | undefined;
  const stage = list(value('stage'), 'stage', CASE_STAGES, problems);
  const asOf = instant(value('asOf'), problems);
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  const filters: AtRiskFilters = {
    ...(team === undefined ? {} : { team }),
    ...(step === undefined ? {} : { step }),
    ...(primaryNeed === undefined ? {} : { primaryNeed }),
    ...(status === undefined ? {} : { status }),
    ...(stage === undefined ? {} : { stage }),
  };
  return {
    withinDays,
    filters,
    page: whole ? { limit: null } : { limit, ...(after === undefined ? {} : { after }) },
    ...(asOf === undefined ? {} : { asOf }),
  };
}

function wholeNumber(
  raw: string | undefined,
  name: string,
  min: number,
  max: number,
  problems: string[],
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d{1,6}$/.test(raw) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw.slice(0, 40)}"`);
    return undefined;
  }
  return n;
}

/** A comma-separated list of values, each one of `allowed` (or, when null, any text of 1-100 characters). */
function list(
  raw: string | undefined,
  name: string,
  allowed: readonly string[] | null,
  problems: string[],
): string[] | undefined {
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((v) => v.trim());
  const bad = values.filter((v) => (allowed === null ? v.length === 0 || v.length > 100 : !allowed.includes(v)));
  if (bad.length > 0 || values.length > 50) {
    problems.push(
      allowed === null
        ? `${name} must be one or more comma-separated values of 1-100 characters`
        : `${name} must be one or more of ${allowed.join(', ')} (comma-separated), got "${bad.join(',').slice(0, 80)}"`,
    );
    return undefined;
  }
  return values;
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
