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

export interface AtRiskCase {
  readonly caseId: string;
  readonly stage: string;
  readonly step: string | null;
  readonly deadline: string;
  readonly daysLeft: number;
  readonly status: 'overdue' | 'due-soon';
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

export interface AtRiskReport {
  readonly today: string;
  readonly withinDays: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly cases: readonly AtRiskCase[];
}

export interface WeeklyRollup {
  readonly week: string;
  readonly revision: number;
  readonly computedAt: string;
  readonly thisWeek: Readonly<Record<string, Figure | string>>;
  readonly atRisk: { readonly overdue: number; readonly dueSoon: number; readonly total: number };
  readonly backlog: { readonly openRequests: number; readonly activePlans: number };
}
