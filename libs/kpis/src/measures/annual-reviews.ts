import type { IsoDate } from '#calendar';
import type { FactRow } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { inPeriod } from '../periods.js';
import { spanOf } from './rows.js';

/**
 * Whether a review was overdue is relative to a date: a review due in the period and not held is "overdue" once its
 * due date has passed by `asOfDate` (today for live figures, the as-of date otherwise).
 */
export function annualReviewMeasures(asOfDate: IsoDate): Measure<FactRow>[] {
  const dueIn = (row: FactRow, period: { from: string; to: string }) =>
    row.fact.kind === 'annual-review' && inPeriod(row.fact.dueDate, period);
  const review = (row: FactRow) => {
    if (row.fact.kind !== 'annual-review') throw new Error('not an annual review');
    return row.fact;
  };
  return [
    {
      name: 'reviewsDue',
      kind: 'count',
      description: 'Annual reviews due in the period (within 12 months of the plan or the previous review)',
      counts: dueIn,
    },
    {
      name: 'heldOnTime',
      kind: 'rate',
      description: 'Of reviews due in the period, those whose meeting was held by the due date',
      counts: dueIn,
      meets: (row) => {
        const r = review(row);
        return r.meetingDate !== null && r.meetingDate <= r.dueDate && r.meetingDate <= asOfDate;
      },
    },
    {
      name: 'heldLate',
      kind: 'rate',
      description: 'Of reviews due in the period, those held after the due date',
      counts: dueIn,
      meets: (row) => {
        const r = review(row);
        return r.meetingDate !== null && r.meetingDate > r.dueDate && r.meetingDate <= asOfDate;
      },
    },
    {
      name: 'overdueNotHeld',
      kind: 'rate',
      description: `Of reviews due in the period, those past their due date and not held as of ${asOfDate}`,
      counts: dueIn,
      meets: (row) => {
        const r = review(row);
        return (r.meetingDate === null || r.meetingDate > asOfDate) && r.dueDate < asOfDate;
      },
    },
    {
      name: 'decisionsWithinFourWeeks',
      kind: 'rate',
      description:
        'Of review meetings held in the period, those whose decision was notified within 4 weeks (reg 20(10))',
      counts: (row, period) => row.fact.kind === 'annual-review' && inPeriod(row.fact.meetingDate, period),
      meets: (row) => {
        const r = review(row);
        return r.decisionDate !== null && r.decisionDueDate !== null && r.decisionDate <= r.decisionDueDate;
      },
    },
    {
      name: 'amendedWithinEightWeeks',
      kind: 'rate',
      description:
        'Of amended plans due in the period (notice + 8 weeks, at most meeting + 12 weeks), those issued by then (reg 22)',
      counts: (row, period) => row.fact.kind === 'amendment' && inPeriod(row.fact.dueDate, period),
      meets: (row) =>
        row.fact.kind === 'amendment' && row.fact.amendedOn !== null && row.fact.amendedOn <= row.fact.dueDate,
    },
    {
      name: 'phaseTransfersByDeadline',
      kind: 'rate',
      description:
        'Of phase transfers whose deadline (before 15 February, so 14 February; 30 March for post-16) falls in the period, those amended by it (reg 18)',
      counts: (row, period) => row.fact.kind === 'phase-transfer' && inPeriod(row.fact.deadline, period),
      meets: (row) =>
        row.fact.kind === 'phase-transfer' && row.fact.amendedOn !== null && row.fact.amendedOn <= row.fact.deadline,
    },
  ];
}

/** KPI 5: annual reviews due, held on time, held late, overdue; decisions, amendments, phase transfers. */
export function annualReviews(rows: readonly FactRow[], options: ReportOptions, asOfDate: IsoDate): KpiReport {
  const relevant = rows.filter(
    (row) => row.fact.kind === 'annual-review' || row.fact.kind === 'amendment' || row.fact.kind === 'phase-transfer',
  );
  return report('annual-reviews', relevant, annualReviewMeasures(asOfDate), options, spanOf);
}
