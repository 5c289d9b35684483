import type { FactRow, NewPlanFact } from '#projections';
import { report, type KpiReport, type Measure, type ReportOptions } from '../figures.js';
import { inPeriod } from '../periods.js';
import { rowsOf, spanOf } from './rows.js';

type Row = FactRow<NewPlanFact>;

/** More than 52 weeks from request to final plan. */
const YEAR_DAYS = 364;

const issued = (row: Row, period: { from: string; to: string }) => inPeriod(row.fact.issuedOn, period);
const newPlan = (row: Row, period: { from: string; to: string }) => row.fact.cohort === 'new' && issued(row, period);
/** New plans whose request is known, so their timeliness can be measured. */
const measurable = (row: Row, period: { from: string; to: string }) =>
  newPlan(row, period) && row.fact.daysTaken !== null && row.fact.dueDate !== null;
const withinTwentyWeeks = (row: Row) => row.fact.issuedOn <= row.fact.dueDate!;
/** An untimed plan (no request recorded) is not shown to be within 20 weeks, so it counts as not within. */
const timedAndWithin = (row: Row) => row.fact.daysTaken !== null && row.fact.dueDate !== null && withinTwentyWeeks(row);

export const TWENTY_WEEK_MEASURES: readonly Measure<Row>[] = [
  {
    name: 'newPlansIssued',
    kind: 'count',
    description: 'New plans issued in the period (SEN2: by final plan issue date)',
    counts: newPlan,
  },
  {
    name: 'withinTwentyWeeksIncludingExceptions',
    kind: 'rate',
    description:
      'Of new plans issued (the denominator is newPlansIssued, as SEN2 counts every new plan), those within 20 weeks; plans with an exception stay in, and a plan whose request is not recorded counts as not within (see untimedNewPlans)',
    counts: newPlan,
    meets: timedAndWithin,
  },
  {
    name: 'untimedNewPlans',
    kind: 'count',
    description:
      'Data quality: new plans issued in the period whose request is not recorded, so they cannot be timed (counted as not within 20 weeks including exceptions)',
    counts: (row, period) => newPlan(row, period) && !measurable(row, period),
  },
  {
    name: 'withinTwentyWeeksExcludingExceptions',
    kind: 'rate',
    description: 'Of new plans issued without an exception (reg 13(3)), those within 20 weeks',
    counts: (row, period) => measurable(row, period) && !row.fact.hasException,
    meets: withinTwentyWeeks,
  },
  {
    name: 'averageWeeks',
    kind: 'average',
    description: 'Average weeks from request to final plan for new plans issued',
    counts: measurable,
    value: (row) => row.fact.daysTaken! / 7,
  },
  {
    name: 'overTwentyWeeksUnderYear',
    kind: 'rate',
    description: 'Of new plans issued, those over 20 weeks but within 52 weeks',
    counts: measurable,
    meets: (row) => !withinTwentyWeeks(row) && row.fact.daysTaken! <= YEAR_DAYS,
  },
  {
    name: 'overYear',
    kind: 'rate',
    description: 'Of new plans issued, those over 52 weeks',
    counts: measurable,
    meets: (row) => row.fact.daysTaken! > YEAR_DAYS,
  },
  {
    name: 'transferredIn',
    kind: 'count',
    description: 'Plans transferred in from another LA in the period (a separate cohort, not in the 20-week measure)',
    counts: (row, period) => row.fact.cohort === 'transferred-in' && issued(row, period),
  },
  {
    name: 'tribunalOrderedWithinDeadline',
    kind: 'rate',
    description: 'Plans made under a tribunal order issued in the period, those by the order deadline (reg 44)',
    counts: (row, period) => row.fact.cohort === 'tribunal-ordered' && issued(row, period),
    meets: (row) => row.fact.dueDate !== null && row.fact.issuedOn <= row.fact.dueDate,
  },
];

/** KPI 3: 20-week timeliness of new plans, to the SEN2 definition. */
export function twentyWeekTimeliness(rows: readonly FactRow[], options: ReportOptions): KpiReport {
  return report('twenty-week-timeliness', rowsOf(rows, 'new-plan'), TWENTY_WEEK_MEASURES, options, spanOf);
}

export const DRAFT_BREACH_MEASURES: readonly Measure<Row>[] = [
  {
    name: 'finalBeforeRepresentationsEnded',
    kind: 'rate',
    description:
      'Of final plans issued in the period after a draft, those issued before the 15-day representation window ended (reg 13(1))',
    counts: (row, period) => issued(row, period) && row.fact.representationsEnd !== null,
    meets: (row) => row.fact.issuedOn <= row.fact.representationsEnd!,
  },
];

/** KPI 4: final plans issued before the draft's representation window ended. */
export function draftPlanBreaches(rows: readonly FactRow[], options: ReportOptions): KpiReport {
  return report('draft-plan-breaches', rowsOf(rows, 'new-plan'), DRAFT_BREACH_MEASURES, options, spanOf);
}
