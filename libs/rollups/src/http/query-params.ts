import { LA_CODE } from '#http';
import { BadRequestException } from '@nestjs/common';
import { mondayOfIsoWeek } from '#calendar';

export type RawQuery = Readonly<Record<string, string | string[] | undefined>>;

const MAX_LIMIT = 520;

export interface RollupsQuery {
  readonly week?: string;
  readonly revisions: 'latest' | 'all';
  readonly limit: number;
}

export interface PublishQuery {
  readonly la?: string;
  readonly week?: string;
}

/** `GET .../rollups/weekly`: `week` (YYYY-Www), `revisions` (latest | all, all needs week), `limit` (weeks, 1-520). */
export function parseRollupsQuery(la: string, raw: RawQuery): RollupsQuery {
  const problems: string[] = [];
  checkLa(la, problems);
  const value = reader(raw, ['week', 'revisions', 'limit'], problems);
  const week = checkWeek(value('week'), problems);
  const revisionsRaw = value('revisions') ?? 'latest';
  if (revisionsRaw !== 'latest' && revisionsRaw !== 'all') {
    problems.push(`revisions must be latest or all, got "${revisionsRaw}"`);
  } else if (revisionsRaw === 'all' && value('week') === undefined) {
    problems.push('revisions=all needs a week (e.g. week=2024-W02)');
  }
  const limitRaw = value('limit');
  let limit = 104;
  if (limitRaw !== undefined) {
    limit = Number(limitRaw);
    if (!/^\d+$/.test(limitRaw) || limit < 1 || limit > MAX_LIMIT) {
      problems.push(`limit must be a whole number from 1 to ${MAX_LIMIT}, got "${limitRaw}"`);
    }
  }
  fail(problems);
  return { ...(week === undefined ? {} : { week }), revisions: revisionsRaw === 'all' ? 'all' : 'latest', limit };
}

/** `POST /admin/rollups/publish`: `la` (optional), `week` (YYYY-Www, needs la). */
export function parsePublishQuery(raw: RawQuery): PublishQuery {
  const problems: string[] = [];
  const value = reader(raw, ['la', 'week'], problems);
  const la = value('la');
  if (la !== undefined) checkLa(la, problems);
  const week = checkWeek(value('week'), problems);
  if (value('week') !== undefined && la === undefined) problems.push('week needs la: a week is published for one LA');
  fail(problems);
  return { ...(la === undefined ? {} : { la }), ...(week === undefined ? {} : { week }) };
}

function checkLa(la: string, problems: string[]): void {
  if (!LA_CODE.test(la)) problems.push(`la must be a DfE three-digit LA code, got "${la}"`);
}

function checkWeek(week: string | undefined, problems: string[]): string | undefined {
  if (week === undefined) return undefined;
  try {
    mondayOfIsoWeek(week);
    return week;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not an ISO week';
    problems.push(`week must be an ISO week such as 2024-W02: ${reason}`);
    return undefined;
  }
}

function reader(raw: RawQuery, known: readonly string[], problems: string[]): (name: string) => string | undefined {
  for (const name of Object.keys(raw)) {
    if (!known.includes(name)) problems.push(`unknown parameter "${name}" (known: ${known.join(', ')})`);
  }
  return (name) => {
    const value = raw[name];
    if (Array.isArray(value)) {
      problems.push(`${name} must be given once`);
      return undefined;
    }
    return value;
  };
}

function fail(problems: readonly string[]): void {
  if (problems.length > 0) throw new BadRequestException(problems.join('; '));
}
