import { figureForYear } from './calibration.js';
import type { PathwayModel } from './model.js';
import type { PlacementMix } from './placements.js';

/**
 * A real LA's published figures that a synthetic LA follows instead of the national averages: volumes and rates by
 * calendar year (years outside a table follow its trend: the last year-on-year change for volumes, the nearest year
 * for rates), and the rates of the year it is shaped like. Shares are fractions (0.162, not 16.2).
 */
export interface LaShape {
  /** Initial requests received, by calendar year. */
  readonly requests: Readonly<Record<number, number>>;
  /** New plans issued, by calendar year: the latest year's sets the share of assessments that end without a plan. */
  readonly newPlans: Readonly<Record<number, number>>;
  /** Requests refused, of requests received, by calendar year. */
  readonly refusalShare: Readonly<Record<number, number>>;
  /** Plans without a timescale exception issued within 20 weeks, by calendar year. */
  readonly within20WeeksExcludingExceptions: Readonly<Record<number, number>>;
  /** New plans with a timescale exception, and the share of those issued within 20 weeks anyway. */
  readonly exceptionShare: number;
  readonly exceptionWithin20Weeks: number;
  readonly decisionWithin6Weeks?: number;
  readonly reviewDecisionWithin4Weeks?: number;
  /** Plans held on each January census day by placement, keyed by the census's year (2024: January 2024). */
  readonly placementMix?: Readonly<Record<number, PlacementMix>>;
}

/** The placement mix for a census year: the shape's own, or its nearest published year's. */
export function shapedPlacementMix(
  table: Readonly<Record<number, PlacementMix>>,
  censusYear: number,
): PlacementMix | undefined {
  const years = Object.keys(table).map(Number);
  if (years.length === 0) return undefined;
  const nearest = years.reduce((best, year) =>
    Math.abs(year - censusYear) < Math.abs(best - censusYear) ? year : best,
  );
  return table[nearest];
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** A volume for `year`: the table's figure, or its first or last figure carried on at the neighbouring year's change. */
export function shapedVolume(table: Readonly<Record<number, number>>, year: number): number {
  const years = Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('empty LA shape table');
  const known = table[year];
  if (known !== undefined) return known;
  const edge = year > last ? last : first;
  const neighbour = year > last ? (years[years.length - 2] ?? last) : (years[1] ?? first);
  const step = clamp(((table[edge] as number) / (table[neighbour] as number)) ** (year > last ? 1 : -1), 0.8, 1.25);
  return (table[edge] as number) * step ** Math.abs(year - edge);
}

/** The national pathway model with the LA's rates put in. */
export function shapedModel(base: PathwayModel, shape: LaShape): PathwayModel {
  const rate = (table: Readonly<Record<number, number>>, year: number): number =>
    clamp(figureForYear(table, year), 0, 1);
  const noPlanShare = (year: number): number => {
    const assessed =
      shapedVolume(shape.requests, year) *
      (1 - base.withdrawnBeforeDecision) *
      (1 - rate(shape.refusalShare, year)) *
      (1 - base.withdrawnDuringAssessment);
    return clamp(1 - shapedVolume(shape.newPlans, year) / assessed, 0, 0.9);
  };
  const latest = Math.max(...Object.keys(shape.newPlans).map(Number));
  return {
    ...base,
    refusalShare: (year) => rate(shape.refusalShare, year),
    noPlanShare: Number.isFinite(latest) ? noPlanShare(latest) : base.noPlanShare,
    exceptionShare: clamp(shape.exceptionShare, 0, 1),
    exceptionWithin20Weeks: clamp(shape.exceptionWithin20Weeks, 0, 1),
    within20WeeksWithoutException: (year) => rate(shape.within20WeeksExcludingExceptions, year),
    decisionWithin6Weeks: clamp(shape.decisionWithin6Weeks ?? base.decisionWithin6Weeks, 0, 1),
    reviewDecisionWithin4Weeks: clamp(shape.reviewDecisionWithin4Weeks ?? base.reviewDecisionWithin4Weeks, 0, 1),
  };
}
