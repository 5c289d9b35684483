import type { IsoDate } from '#calendar';

export const BREAKDOWNS = ['primaryNeed', 'ageBand', 'requestSource', 'team'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const AGE_BANDS = ['under-5', '5-10', '11-15', '16-19', '20-25', 'over-25'] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | 'unknown';

/** The attributes of a case that figures break down by. */
export interface BreakdownAttributes {
  readonly caseId: string;
  readonly birthMonth: string | null;
  readonly primaryNeed: string | null;
  readonly requestSource: string | null;
  readonly team: string | null;
}

/**
 * Age band on `onDate` from a birth month (`YYYY-MM`). Only the month is known, so a birthday is taken to fall on
 * the first of its month (the same convention as SEN2's age at 31 August, one level coarser).
 */
export function ageBand(birthMonth: string | null, onDate: IsoDate): AgeBand {
  if (birthMonth === null || !/^\d{4}-\d{2}$/.test(birthMonth)) return 'unknown';
  const age =
    Number(onDate.slice(0, 4)) -
    Number(birthMonth.slice(0, 4)) -
    (Number(onDate.slice(5, 7)) < Number(birthMonth.slice(5, 7)) ? 1 : 0);
  if (age < 0) return 'unknown';
  if (age < 5) return 'under-5';
  if (age <= 10) return '5-10';
  if (age <= 15) return '11-15';
  if (age <= 19) return '16-19';
  if (age <= 25) return '20-25';
  return 'over-25';
}

/** The breakdown value of a row at a period's end. */
export function breakdownValue(row: BreakdownAttributes, breakdown: Breakdown, periodEnd: IsoDate): string {
  switch (breakdown) {
    case 'primaryNeed':
      return row.primaryNeed ?? 'unknown';
    case 'ageBand':
      return ageBand(row.birthMonth, periodEnd);
    case 'requestSource':
      return row.requestSource ?? 'unknown';
    case 'team':
      return row.team ?? 'unknown';
  }
}
