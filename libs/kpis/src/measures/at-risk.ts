import { addDays, daysBetween, isIsoDate, type IsoDate } from '#calendar';

/** One open obligation of a case, from its worklist in the pathway's deadline model. */
export interface WorklistItem {
  readonly caseId: string;
  readonly stage: string;
  readonly team: string | null;
  readonly primaryNeed: string | null;
  readonly step: string;
  /** Unique within the case: which request, review, amendment, order or decision. */
  readonly ref: string;
  readonly due: IsoDate;
  /** The last day it can still be acted on, or null. */
  readonly until: IsoDate | null;
  /** What to do, in plain words, with the due date. */
  readonly action: string;
}

export type AtRiskStatus = 'overdue' | 'due-soon';
export const AT_RISK_STATUSES: readonly AtRiskStatus[] = ['overdue', 'due-soon'];

export interface AtRiskItem {
  readonly caseId: string;
  readonly stage: string;
  readonly step: string;
  readonly ref: string;
  readonly deadline: IsoDate;
  /** Negative once passed. */
  readonly daysLeft: number;
  readonly status: AtRiskStatus;
  readonly action: string;
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

/** Each filter is a list of accepted values (any of them); an absent filter accepts everything. */
export interface AtRiskFilters {
  readonly team?: readonly string[];
  readonly step?: readonly string[];
  readonly primaryNeed?: readonly string[];
  readonly status?: readonly AtRiskStatus[];
  readonly stage?: readonly string[];
}

/** Where a page starts: after this item (`after`), at most `limit` items. `limit: null` is the whole list. */
export interface AtRiskPage {
  readonly limit: number | null;
  readonly after?: AtRiskCursor;
}

/** The sort key of the last item of a page: a page starts after it, whatever was added or removed meanwhile. */
export interface AtRiskCursor {
  readonly deadline: IsoDate;
  readonly caseId: string;
  readonly ref: string;
}

export interface AtRiskReport {
  readonly today: IsoDate;
  readonly withinDays: number;
  readonly filters: AtRiskFilters;
  /** Over the whole filtered list, not the page. */
  readonly total: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly byStep: Readonly<Record<string, number>>;
  /** By team; `(none)` for cases with no team recorded. */
  readonly byTeam: Readonly<Record<string, number>>;
  readonly limit: number | null;
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly items: readonly AtRiskItem[];
}

export const NO_TEAM = '(none)';

function compareItems(a: AtRiskCursor, b: AtRiskCursor): number {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
  if (a.caseId !== b.caseId) return a.caseId < b.caseId ? -1 : 1;
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}

export function encodeCursor(cursor: AtRiskCursor): string {
  return Buffer.from(JSON.stringify([cursor.deadline, cursor.caseId, cursor.ref])).toString('base64url');
}

/** The cursor of `encodeCursor`, or undefined when `text` is not one. */
export function decodeCursor(text: string): AtRiskCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string')) return undefined;
    const [deadline, caseId, ref] = value as [string, string, string];
    return isIsoDate(deadline) && caseId.length <= 64 && ref.length <= 200 ? { deadline, caseId, ref } : undefined;
  } catch {
    return undefined;
  }
}

function count(items: readonly AtRiskItem[], key: (item: AtRiskItem) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

const accepts = (filter: readonly string[] | undefined, value: string | null): boolean =>
  filter === undefined || filter.includes(value ?? NO_TEAM);

/**
 * The at-risk worklist: open obligations that have passed their deadline or fall due within `withinDays` of
 * `today`, and are still actionable (their `until` not passed), soonest first; filtered, counted by step and team
 * over the filtered list, and paged.
 */
export function atRisk(
  entries: readonly WorklistItem[],
  today: IsoDate,
  withinDays: number,
  filters: AtRiskFilters = {},
  page: AtRiskPage = { limit: null },
): AtRiskReport {
  const horizon = addDays(today, withinDays);
  const items = entries
    .filter((e) => e.due <= horizon && (e.until === null || e.until >= today))
    .map((e): AtRiskItem => ({
      caseId: e.caseId,
      stage: e.stage,
      step: e.step,
      ref: e.ref,
      deadline: e.due,
      daysLeft: daysBetween(today, e.due),
      status: e.due < today ? 'overdue' : 'due-soon',
      action: e.action,
      team: e.team,
      primaryNeed: e.primaryNeed,
    }))
    .filter(
      (item) =>
        accepts(filters.team, item.team) &&
        accepts(filters.step, item.step) &&
        accepts(filters.primaryNeed, item.primaryNeed) &&
        accepts(filters.status, item.status) &&
        accepts(filters.stage, item.stage),
    )
    .sort(compareItems);
  const after = page.after;
  const start = after === undefined ? 0 : items.findIndex((item) => compareItems(item, after) > 0);
  const from = start === -1 ? items.length : start;
  const to = page.limit === null ? items.length : Math.min(items.length, from + page.limit);
  const pageItems = items.slice(from, to);
  const last = pageItems[pageItems.length - 1];
  const overdue = items.filter((item) => item.status === 'overdue').length;
  return {
    today,
    withinDays,
    filters,
    total: items.length,
    overdue,
    dueSoon: items.length - overdue,
    byStep: count(items, (item) => item.step),
    byTeam: count(items, (item) => item.team ?? NO_TEAM),
    limit: page.limit,
    nextCursor: to < items.length && last !== undefined ? encodeCursor(last) : null,
    items: pageItems,
  };
}
