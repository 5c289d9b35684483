import { addDays, addMonths, type IsoDate } from '#calendar';

export const GROUP_BY = ['month', 'quarter', 'year'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A reporting period: `key` is `2024-03`, `2024-Q1` or `2024`; dates are inclusive and clipped to the query. */
export interface Period {
  readonly key: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The calendar months, quarters or years that meet [from, to], each clipped to it. */
export function periodsBetween(from: IsoDate, to: IsoDate, groupBy: GroupBy): Period[] {
  if (to < from) throw new RangeError(`period ends (${to}) before it starts (${from})`);
  const periods: Period[] = [];
  let start = startOfGroup(from, groupBy);
  while (start <= to) {
    const next = addMonths(start, groupBy === 'month' ? 1 : groupBy === 'quarter' ? 3 : 12);
    const end = addDays(next, -1);
    periods.push({ key: keyOf(start, groupBy), from: start < from ? from : start, to: end > to ? to : end });
    start = next;
  }
  return periods;
}

export function inPeriod(date: IsoDate | null, period: Pick<Period, 'from' | 'to'>): boolean {
  return date !== null && date >= period.from && date <= period.to;
}

function startOfGroup(date: IsoDate, groupBy: GroupBy): IsoDate {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (groupBy) {
    case 'month':
      return `${date.slice(0, 7)}-01`;
    case 'quarter':
      return `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'year':
      return `${year}-01-01`;
  }
}

function keyOf(start: IsoDate, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return start.slice(0, 4);
  }
}
