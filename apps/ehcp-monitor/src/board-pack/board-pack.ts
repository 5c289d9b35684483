import type { IsoDate } from '#calendar';
import type { Comparator, Headline } from '#kpis';

/** A figure as the pack shows it: for a count, `denominator` and `rate` are null. */
export interface PackFigure {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly rate: number | null;
}

export interface PackHeadline extends Headline {
  /** Over the 12 months to the week's Sunday; null when the report has no such figure. */
  readonly figure: PackFigure | null;
  /** Month by month over the same 12 months: the rate for a rate, the count for a count. */
  readonly trend: ReadonlyArray<{ readonly month: string; readonly value: number | null }>;
  readonly comparator: Comparator | null;
}

/** Cases at risk counted by one attribute; never a case reference, so the board may read it. */
export interface AtRiskTally {
  readonly key: string;
  readonly overdue: number;
  readonly dueSoon: number;
}

export interface AtRiskSummary {
  /** The day the next deadlines were judged on. */
  readonly today: IsoDate;
  readonly withinDays: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly byStep: readonly AtRiskTally[];
  readonly byTeam: readonly AtRiskTally[];
}

/** One rollup figure that a later revision of the week changed. */
export interface RevisedFigure {
  readonly period: 'thisWeek' | 'rolling12Months';
  readonly figure: string;
  readonly firstReported: PackFigure | null;
  readonly knownNow: PackFigure | null;
}

export interface RevisionHistory {
  /** Every revision issued for the week, first reported first; empty when the week was never reported. */
  readonly revisions: ReadonlyArray<{ readonly revision: number; readonly computedAt: string }>;
  /** Figures that differ between the first and the latest revision. */
  readonly changed: readonly RevisedFigure[];
}

/** The weekly board pack of an LA: what `GET /api/v1/las/{la}/board-pack/{week}` answers and the page shows. */
export interface BoardPack {
  readonly la: { readonly code: string; readonly name: string; readonly region: string };
  readonly week: string;
  readonly weekStart: IsoDate;
  readonly weekEnd: IsoDate;
  /** The 12 months the headline figures cover: to the week's Sunday. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** ISO instant. */
  readonly preparedAt: string;
  readonly headlines: readonly PackHeadline[];
  /** The year of the published comparators; null when none is published. */
  readonly comparatorYear: number | null;
  readonly atRisk: AtRiskSummary;
  readonly revisions: RevisionHistory;
  readonly licence: string;
}
