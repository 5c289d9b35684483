import { addDays, daysBetween, type IsoDate } from '#calendar';

/** What at-risk needs of a case's clock row. */
export interface ClockSummary {
  readonly la: string;
  readonly caseId: string;
  readonly stage: string;
  readonly nextDeadline: IsoDate | null;
  readonly nextDeadlineStep: string | null;
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

export interface AtRiskCase {
  readonly caseId: string;
  readonly stage: string;
  readonly step: string | null;
  readonly deadline: IsoDate;
  /** Negative once passed. */
  readonly daysLeft: number;
  readonly status: 'overdue' | 'due-soon';
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

export interface AtRiskReport {
  readonly today: IsoDate;
  readonly withinDays: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly cases: readonly AtRiskCase[];
}

/** Cases whose next statutory deadline has passed, or falls within `withinDays` of `today`: soonest first. */
export function atRisk(clocks: readonly ClockSummary[], today: IsoDate, withinDays: number): AtRiskReport {
  const horizon = addDays(today, withinDays);
  const cases = clocks
    .filter((c): c is ClockSummary & { nextDeadline: IsoDate } => c.nextDeadline !== null && c.nextDeadline <= horizon)
    .map((c): AtRiskCase => ({
      caseId: c.caseId,
      stage: c.stage,
      step: c.nextDeadlineStep,
      deadline: c.nextDeadline,
      daysLeft: daysBetween(today, c.nextDeadline),
      status: c.nextDeadline < today ? 'overdue' : 'due-soon',
      team: c.team,
      primaryNeed: c.primaryNeed,
    }))
    .sort((a, b) => (a.deadline === b.deadline ? a.caseId.localeCompare(b.caseId) : a.deadline < b.deadline ? -1 : 1));
  return {
    today,
    withinDays,
    overdue: cases.filter((c) => c.status === 'overdue').length,
    dueSoon: cases.filter((c) => c.status === 'due-soon').length,
    cases,
  };
}
