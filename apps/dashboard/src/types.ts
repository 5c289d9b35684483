/** The API's JSON shapes the dashboard reads (see libs/kpis/src/http/kpi.dto.ts and the rollup DTOs). */
export interface Figure {
  readonly numerator: number;
  readonly denominator: number | null;
  readonly rate: number | null;
}

export interface GroupFigures {
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly figures: Readonly<Record<string, Figure>>;
  readonly breakdown?: Readonly<Record<string, Readonly<Record<string, Figure>>>>;
}

export interface KpiReport {
  readonly kpi: string;
  readonly from: string;
  readonly to: string;
  readonly groupBy: string;
  readonly breakdown: string | null;
  readonly measures: ReadonlyArray<{ readonly name: string; readonly kind: string; readonly description: string }>;
  readonly groups: readonly GroupFigures[];
  readonly total: GroupFigures;
  readonly rates?: ReadonlyArray<{ readonly period: string; readonly dfe2024Rate: number | null }>;
}

/** One open obligation of a case on the at-risk worklist. */
export interface AtRiskItem {
  readonly caseId: string;
  readonly stage: string;
  readonly step: string;
  readonly ref: string;
  readonly deadline: string;
  readonly daysLeft: number;
  readonly status: 'overdue' | 'due-soon';
  /** The next action in plain words, with its due date. */
  readonly action: string;
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

/** The at-risk worklist: counts over the whole filtered list, `items` one page of it. */
export interface AtRiskReport {
  readonly today: string;
  readonly withinDays: number;
  readonly total: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly byStep: Readonly<Record<string, number>>;
  readonly byTeam: Readonly<Record<string, number>>;
  readonly limit: number | null;
  readonly nextCursor: string | null;
  readonly items: readonly AtRiskItem[];
}

export interface WeeklyRollup {
  readonly week: string;
  readonly revision: number;
  readonly computedAt: string;
  readonly thisWeek: Readonly<Record<string, Figure | string>>;
  readonly atRisk: { readonly overdue: number; readonly dueSoon: number; readonly total: number };
  readonly backlog: { readonly openRequests: number; readonly activePlans: number };
}
