import { MEASURES, publishedBenchmarks, type PlacementMix, type PublishedFigure } from '#benchmarks';
import type { LaShape } from '#synthetic';
import { UsageError } from './args.js';

/** A synthetic LA shaped like a real one: its published figures as an LaShape, and its plans in January. */
export interface PublishedShape {
  readonly shape: LaShape;
  /** Plans held on the January census after the year it is shaped like. */
  readonly plans: number;
}

/** The shape of LA `la` from the DfE's published figures, with the rates of calendar year `like`. */
export function publishedShape(la: string, like: number): PublishedShape {
  const published = publishedBenchmarks();
  if (!published.isKnownLa(la)) throw new UsageError(`--la ${la} is not an LA in the DfE's published figures`);
  if (!published.years.includes(like)) throw new UsageError(`--like must be one of ${published.years.join(', ')}`);
  const figure = (name: string, year: number): PublishedFigure | null => {
    const measure = MEASURES.find((m) => m.name === name);
    if (measure === undefined) throw new Error(`no published measure ${name}`);
    return published.figure(measure, { level: 'la', code: la }, year);
  };
  const count = (name: string, year: number): number | undefined => figure(name, year)?.numerator.value ?? undefined;
  const share = (name: string, year: number): number | undefined => {
    const found = figure(name, year);
    const numerator = found?.numerator.value;
    const denominator = found?.denominator?.value;
    return numerator == null || denominator == null || denominator === 0 ? undefined : numerator / denominator;
  };
  const table = (read: (year: number) => number | undefined): Record<number, number> => {
    const entries = published.years.map((year) => [year, read(year)] as const);
    return Object.fromEntries(entries.filter((entry): entry is readonly [number, number] => entry[1] !== undefined));
  };
  const required = (values: Record<number, number>, what: string): Record<number, number> => {
    if (Object.keys(values).length === 0) throw new UsageError(`LA ${la} has no published ${what}`);
    return values;
  };

  const including = figure('within-20-weeks-including-exceptions', like);
  const excluding = figure('within-20-weeks-excluding-exceptions', like);
  const plansIn = including?.denominator?.value ?? null;
  const plansEx = excluding?.denominator?.value ?? null;
  const withinIn = including?.numerator.value ?? null;
  const withinEx = excluding?.numerator.value ?? null;
  const exceptions = plansIn !== null && plansEx !== null ? plansIn - plansEx : null;
  const exceptionWithin =
    exceptions !== null && exceptions > 0 && withinIn !== null && withinEx !== null
      ? (withinIn - withinEx) / exceptions
      : (share('within-20-weeks-excluding-exceptions', like) ?? 0.5);

  const plans = count('plans-in-january', like);
  if (plans === undefined) throw new UsageError(`LA ${la} has no published plans in January after ${like}`);
  // The January census of each year, the January after the last one included.
  const placementMix: Record<number, PlacementMix> = {};
  for (const year of [...published.years, published.latestYear + 1]) {
    const mix = published.placementMix({ level: 'la', code: la }, year);
    if (mix !== null) placementMix[year] = mix;
  }
  const decisionWithin6Weeks = share('decisions-within-6-weeks', like);
  const reviewDecisionWithin4Weeks = share('review-decisions-within-4-weeks', like);
  const shape: LaShape = {
    requests: required(
      table((year) => count('requests-received', year)),
      'requests',
    ),
    newPlans: required(
      table((year) => count('new-plans', year)),
      'new plans',
    ),
    refusalShare: required(
      table((year) => share('refusal-share', year)),
      'refusals',
    ),
    within20WeeksExcludingExceptions: required(
      table((year) => share('within-20-weeks-excluding-exceptions', year)),
      '20-week timeliness',
    ),
    exceptionShare: exceptions !== null && plansIn !== null && plansIn > 0 ? exceptions / plansIn : 0,
    exceptionWithin20Weeks: exceptionWithin,
    ...(decisionWithin6Weeks === undefined ? {} : { decisionWithin6Weeks }),
    ...(reviewDecisionWithin4Weeks === undefined ? {} : { reviewDecisionWithin4Weeks }),
    ...(Object.keys(placementMix).length === 0 ? {} : { placementMix }),
  };
  return { shape, plans };
}

/** Every LA with the published figures to shape it on for `like`, and those without (each with the reason). */
export function shapedLas(like: number): { shapes: Map<string, PublishedShape>; skipped: string[] } {
  const shapes = new Map<string, PublishedShape>();
  const skipped: string[] = [];
  for (const la of publishedBenchmarks().las()) {
    try {
      shapes.set(la.code, publishedShape(la.code, like));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      skipped.push(`${la.code}: ${error.message}`);
    }
  }
  return { shapes, skipped };
}
