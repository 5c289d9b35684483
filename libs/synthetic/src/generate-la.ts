import type { IsoDate, IsoMonth, PathwayEvent, PathwayEventType } from '#pathway';
import { NATIONAL_CALIBRATION, annualGrowth, nationalRequestsInYear } from './calibration.js';
import { CaseloadSteering } from './caseload.js';
import { CaseLife, type CaseOrigin, type CaseProfile, type LaWorld } from './case-life.js';
import { addMonths, civilOf, dayFromIso, dayOf, isWorkingDay, isoOf, workingDayOnOrAfter, yearOf } from './days.js';
import type { Fact, LifeStep } from './fact.js';
import { MinHeap } from './heap.js';
import { LA_CODES } from './la-codes.js';
import { shapedModel, shapedPlacementMix, shapedVolume, type LaShape } from './la-shape.js';
import { NATIONAL_PLACEMENT_MIX_2024, PlacementSteering } from './placements.js';
import { pathwayModel, type PathwayModel } from './model.js';
import { Quotas } from './quota.js';
import { Random, hashString } from './random.js';
import { YearlySteering } from './yearly-steering.js';

/** Chances per fact of what real feeds do. Each applies only to the facts it can safely apply to (see below). */
export interface NoiseRates {
  /** Keyed weeks after the event; the case's later facts wait behind it. */
  readonly late: number;
  /** Keyed weeks after the event while the case's later facts arrive first. */
  readonly outOfOrder: number;
  /** Keyed with a wrong (earlier) date, then put right by an EventCorrected. */
  readonly corrections: number;
  /** Followed by a fact keyed in error, later retracted by an EventRetracted. */
  readonly retractions: number;
  /** Sent twice: the same envelope, the same eventId. */
  readonly duplicates: number;
}

export const DEFAULT_NOISE: NoiseRates = Object.freeze({
  late: 0.02,
  outOfOrder: 0.01,
  corrections: 0.004,
  retractions: 0.002,
  duplicates: 0.005,
});

export const NO_NOISE: NoiseRates = Object.freeze({
  late: 0,
  outOfOrder: 0,
  corrections: 0,
  retractions: 0,
  duplicates: 0,
});

export interface GenerateLaOptions {
  /** The DfE three-digit LA code. */
  readonly la: string;
  readonly seed: number;
  /** Years of activity up to `endDate` (default 5), after a year of warm-up (see generateLa). */
  readonly years?: number;
  /** The last business date (default 2025-12-31): no fact is dated or recorded after it. */
  readonly endDate?: IsoDate;
  /** Plans the LA maintains at `endDate` (default 4,175, the national mean per LA in January 2025). */
  readonly plans?: number;
  readonly noise?: Partial<NoiseRates>;
  /** Whether each envelope carries `recordedAt`, the instant the feed sent it (default true). */
  readonly recordedAt?: boolean;
  /** The envelope's `source` (default 'synthetic'). */
  readonly source?: string;
  /** A real LA's published figures to follow instead of the national averages (set `plans` to its caseload too). */
  readonly shape?: LaShape;
}

export const DEFAULT_END_DATE: IsoDate = '2025-12-31';
export const DEFAULT_YEARS = 5;

const WORKING_DAYS_PER_YEAR = 252;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How strongly cease decisions respond to a caseload above or below the LA's target path. */

/** Types whose wrongly keyed date can be corrected without changing how the case reads in between. */
const CORRECTABLE: ReadonlySet<PathwayEventType> = new Set<PathwayEventType>([
  'AssessmentRequested',
  'AssessmentDecisionMade',
  'PlanDecisionMade',
  'DraftPlanIssued',
  'FinalPlanIssued',
  'AnnualReviewMeetingHeld',
  'AnnualReviewDecisionNotified',
  'AmendedPlanIssued',
  'AdviceReceived',
  'PlacementRecorded',
]);

/** Types that no later fact depends on, so they can arrive after the case's later facts. */
const MAY_ARRIVE_OUT_OF_ORDER: ReadonlySet<PathwayEventType> = new Set<PathwayEventType>([
  'AdviceRequested',
  'AdviceReceived',
  'DraftPlanIssued',
  'TimescaleExceptionApplied',
  'MediationCertificateIssued',
  'CaseDetailsUpdated',
  'AnnualReviewMeetingHeld',
  'AnnualReviewDecisionNotified',
  'AmendmentNoticeIssued',
  'PlacementRecorded',
]);

/** Types after which a twin keyed in error (then retracted) makes sense. */
const MAY_BE_KEYED_TWICE: ReadonlySet<PathwayEventType> = new Set<PathwayEventType>([
  'AdviceRequested',
  'CaseDetailsUpdated',
  'MediationCertificateIssued',
]);

interface CaseRun {
  readonly caseId: string;
  /** The 15th of the birth month (a day number), for the placement by age. */
  readonly birthDay: number;
  readonly facts: Generator<LifeStep, void, undefined>;
  next: LifeStep;
  /** Requests the case has made: after the first, each is a re-request. */
  requests: number;
  /** Business day of the case's previous true fact. */
  lastDay: number;
  /** When the case's previous fact in order was sent (ms since epoch): later facts are sent after it. */
  lastSentMs: number;
}

/**
 * A synthetic English LA's pathway events, as a feed would send them: in the order they are sent (by recordedAt),
 * streamed, with facts late and out of order, corrections, retractions and duplicates at the `noise` rates.
 *
 * The same options always give the same events. The LA is simulated day by day; each open case is a lazy
 * {@link CaseLife}, so memory holds the open cases and a few weeks of unsent events, never the whole LA.
 *
 * The LA's existing caseload: the plans it already maintains when the period starts are generated as cases whose
 * history begins before it (their request, assessment, plan and every review since), replayed from the start of the
 * stream, so every fact a KPI needs about an existing plan (its last review) is there and no plan appears from
 * nowhere. New requests start one warm-up year (two for a shaped LA) before the `years` reported on, so that the
 * first reported year already has assessments in progress and reviews due, as a real LA's would.
 */
export function generateLa(options: GenerateLaOptions): Generator<PathwayEvent, void, undefined> {
  const resolved = resolveOptions(options);
  return simulate(
    resolved,
    resolved.shape === undefined ? new YearlySteering() : steeringFor(resolved, resolved.shape),
  );
}

/** At most this many passes of the LA's requests simulated alone set a shaped LA's steering. */
const STEERING_PASSES = 6;

/**
 * The steering that brings a shaped LA's new plans and their 20-week timeliness onto its published figures, year by
 * year of issue: the LA's requests are simulated alone (the plans it already maintains issue none in the period),
 * the plans issued each year and their timeliness counted, and each pass steers the next
 * ({@link YearlySteering.learn}) until one is on target. More than once: a plan taken away (or added) changes what
 * its case does next (a re-request, an appeal), and a plan held over moves into the next year.
 */
function steeringFor(options: ResolvedOptions, shape: LaShape): YearlySteering {
  const steering = new YearlySteering();
  const model = shapedModel(pathwayModel(), shape);
  const published = (year: number): number => shapedVolume(shape.newPlans, year);
  const onTime = (year: number): number =>
    (1 - model.exceptionShare) * model.within20WeeksWithoutException(year) +
    model.exceptionShare * model.exceptionWithin20Weeks;
  const saturated = model.noPlanShare >= 1 ? 3 : 1 / (1 - model.noPlanShare);
  const firstYear = yearOf(addMonths(options.endDay + 1, -12 * options.years));
  const lastYear = yearOf(options.endDay);
  for (let pass = 0; pass < STEERING_PASSES; pass++) {
    for (const event of simulate({ ...options, noise: NO_NOISE, withExisting: false }, steering)) void event;
    if (steering.onTarget(firstYear, lastYear, published, onTime)) break;
    steering.learn({
      from: firstYear,
      published,
      onTime,
      unsteeredOnTime: (year) => model.within20WeeksWithoutException(year),
      saturatedScale: saturated,
      exceptionShare: model.exceptionShare,
    });
  }
  return steering;
}

interface ResolvedOptions {
  readonly la: string;
  readonly seed: number;
  readonly years: number;
  readonly endDay: number;
  readonly plans: number;
  readonly noise: NoiseRates;
  readonly withRecordedAt: boolean;
  readonly source: string;
  readonly shape: LaShape | undefined;
  /** Whether the plans the LA already maintains are generated (only a calibration pass leaves them out). */
  readonly withExisting: boolean;
}

function resolveOptions(options: GenerateLaOptions): ResolvedOptions {
  const la = options.la;
  if (!/^\d{3}$/.test(la)) throw new RangeError(`la must be a three-digit LA code, got ${JSON.stringify(la)}`);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be a safe integer');
  const years = options.years ?? DEFAULT_YEARS;
  if (!Number.isInteger(years) || years < 1 || years > 30) throw new RangeError('years must be a whole number 1-30');
  const plans = options.plans ?? NATIONAL_CALIBRATION.plansPerLaApprox2025;
  if (!(plans >= 1 && plans <= 100_000)) throw new RangeError('plans must be between 1 and 100,000');
  const noise: NoiseRates = { ...DEFAULT_NOISE, ...options.noise };
  for (const [name, rate] of Object.entries(noise)) {
    if (!(rate >= 0 && rate <= 0.2)) throw new RangeError(`noise.${name} must be between 0 and 0.2`);
  }
  const endDay = dayFromIso(options.endDate ?? DEFAULT_END_DATE);
  const source = options.source ?? 'synthetic';
  if (source.trim().length === 0 || source.length > 200) throw new RangeError('source must be 1-200 characters');
  return {
    la,
    seed: options.seed,
    years,
    endDay,
    plans,
    noise,
    withRecordedAt: options.recordedAt ?? true,
    source,
    shape: options.shape,
    withExisting: true,
  };
}

function* simulate(options: ResolvedOptions, steering: YearlySteering): Generator<PathwayEvent, void, undefined> {
  const { la, years, endDay, plans, noise, withRecordedAt, source, shape } = options;
  const windowStart = addMonths(endDay + 1, -12 * years);
  // A shaped LA warms up for two years: its published plans of a year can answer assessments two years old.
  const firstRequestDay = addMonths(windowStart, shape === undefined ? -12 : -24);
  const model = shape === undefined ? pathwayModel() : shapedModel(pathwayModel(), shape);
  const calibration = model.calibration;
  const laKey = hashString(la);

  // The LA's plans follow the national growth of plans in January, scaled to end at `plans`.
  const growth = annualGrowth(calibration.ehcPlansInJanuary);
  const targetPlans = (day: number): number => plans * growth ** ((day - endDay) / 365.25);
  const census2025 = dayOf(2025, 1, 16);
  const nationalPerLa = (day: number): number =>
    (calibration.ehcPlansInJanuary[2025] as number) /
    calibration.localAuthorities /
    growth ** ((census2025 - day) / 365.25);
  const scale = plans / nationalPerLa(endDay);

  const arrivals = new Random(options.seed, laKey, 1);
  const transfers = new Random(options.seed, laKey, 6);
  const ids = new Random(options.seed, laKey, 2);
  const feedNoise = new Random(options.seed, laKey, 3);
  const placementDraws = new Random(options.seed, laKey, 4);
  const placements = new PlacementSteering<CaseRun>(
    (censusYear) =>
      (shape?.placementMix === undefined ? undefined : shapedPlacementMix(shape.placementMix, censusYear)) ??
      NATIONAL_PLACEMENT_MIX_2024,
    placementDraws.next(),
  );

  let activePlans = 0;
  // Steered from a year after the first requests, when the plans they bring in are flowing.
  const caseload = new CaseloadSteering(targetPlans, growth, addMonths(firstRequestDay, 12));
  let caseCount = 0;
  let appealCount = 0;
  const otherLas = LA_CODES.filter((code) => code !== la);
  const world: LaWorld = {
    la,
    model,
    firstRequestDay,
    endDay,
    ceaseChance: (base) => caseload.ceaseChance(base),
    steering,
    quotas: new Quotas(),
    nextAppealId: (day) =>
      `EH${la}-${String(civilOf(day).year % 100).padStart(2, '0')}-${String(++appealCount).padStart(5, '0')}`,
    otherLa: (rng) => rng.pick(otherLas),
  };

  // The plans already maintained keep quotas of their own, like their draws.
  const existingWorld: LaWorld = { ...world, quotas: new Quotas() };

  const open = new MinHeap<CaseRun>();
  const outbox = new MinHeap<PathwayEvent>(); // what the feed will send, keyed by when
  const endMs = endDay * DAY_MS + DAY_MS - 1;

  // The plans already maintained draw from streams of their own, so the LA's requests draw the same with or without
  // them (the steering passes of steeringFor rely on it).
  // Transfers in likewise, as their number follows the caseload.
  let existingCount = 0;
  let transferCount = 0;
  let arrivalCount = 0;
  const startCase = (origin: CaseOrigin, profile: CaseProfile): void => {
    const caseNumber = ++caseCount;
    const draws =
      origin.kind === 'existing-plan'
        ? new Random(options.seed, laKey, 7, ++existingCount)
        : origin.kind === 'transfer-in'
          ? new Random(options.seed, laKey, 8, ++transferCount)
          : new Random(options.seed, laKey, 100 + ++arrivalCount);
    const life = new CaseLife(origin.kind === 'existing-plan' ? existingWorld : world, draws, profile, origin).facts();
    const first = life.next();
    if (first.done || first.value.day > endDay) return;
    open.push(first.value.day, {
      caseId: `C${String(caseNumber).padStart(6, '0')}`,
      birthDay: profile.birthDay,
      facts: life,
      next: first.value,
      requests: 0,
      lastDay: -Infinity,
      lastSentMs: -Infinity,
    });
  };

  const requestsByYear = new Map<number, number>();
  const requestsInYear = (year: number): number => {
    let requests = requestsByYear.get(year);
    if (requests === undefined) {
      requests =
        shape === undefined
          ? (nationalRequestsInYear(calibration, year) / calibration.localAuthorities) * scale
          : shapedVolume(shape.requests, year);
      requestsByYear.set(year, requests);
    }
    return requests;
  };

  // The plans already maintained when new requests start, each with its history. New requests take months to become
  // plans, so the caseload starts above the target path by about the plans that requests made before the start would
  // have added in its first months (a third of a year's requests).
  const inFlight = requestsInYear(civilOf(firstRequestDay).year) / 3;
  const existing = options.withExisting ? Math.round(targetPlans(firstRequestDay) + inFlight) : 0;
  const maintained = new Random(options.seed, laKey, 5);
  for (let i = 0; i < existing; i++) {
    const age = maintained.weighted(model.ageOfPlans);
    const profile = newProfile(maintained, model, firstRequestDay - Math.round((age + maintained.next()) * 365.25));
    let ageAtRequest = maintained.weighted(model.ageAtRequest);
    for (let tries = 0; ageAtRequest > age && tries < 8; tries++) {
      ageAtRequest = maintained.weighted(model.ageAtRequest);
    }
    const yearsOfPlan = Math.min(10, Math.max(0, age - ageAtRequest) + maintained.next());
    // Requested the plan's age plus 5 to 8 months before new requests start; issued at least a week before they do.
    const requestDay = firstRequestDay - Math.round(yearsOfPlan * 365.25) - maintained.int(150, 250);
    startCase(
      { kind: 'existing-plan', requestDay: workingDayOnOrAfter(requestDay), issuedBy: firstRequestDay - 7 },
      profile,
    );
  }

  const envelope = (run: CaseRun, fact: Fact, eventId: string, day: number, sentMs: number): PathwayEvent => {
    const event = { eventId, caseId: run.caseId, la, type: fact.type, occurredOn: isoOf(day), source, data: fact.data };
    return (withRecordedAt ? { ...event, recordedAt: new Date(sentMs).toISOString() } : event) as PathwayEvent;
  };

  // Facts are keyed in office hours on working days (the last day of the period, whatever it is, at the latest).
  const officeTime = (day: number): number =>
    Math.min(workingDayOnOrAfter(day), Math.max(day, endDay)) * DAY_MS +
    8 * HOUR_MS +
    Math.floor(feedNoise.next() * 10 * HOUR_MS);
  const send = (event: PathwayEvent, sentMs: number): void => outbox.push(sentMs, event);

  // New requests arrive on quota: each day adds its expected requests to what is owed (see the day loop).
  let requestsOwed = 0;
  const record = (run: CaseRun, fact: Fact): void => {
    // A shaped LA's published requests include those made again (after a refusal, no plan, a withdrawal or a
    // conceded appeal): each is one fewer new request owed.
    if (fact.type === 'AssessmentRequested' && run.requests++ > 0 && shape !== undefined) requestsOwed -= 1;
    if (fact.type === 'FinalPlanIssued' || fact.type === 'PlanTransferredIn') {
      activePlans++;
      caseload.planStarted();
    } else if (fact.type === 'PlanCeased' || fact.type === 'PlanTransferredOut') {
      activePlans--;
      caseload.planEnded();
      placements.planEnded(run.caseId);
    }

    const eventId = ids.uuid();
    const kind = noiseKind(feedNoise.next(), noise);

    // Usually keyed the same day, sometimes a few working days later; always after the case's previous fact.
    const v = feedNoise.next();
    const lag = v < 0.7 ? 0 : v < 0.95 ? feedNoise.int(1, 3) : feedNoise.int(4, 10);
    const sentMs = Math.min(endMs, Math.max(run.lastSentMs + feedNoise.int(1, 600) * 1000, officeTime(fact.day + lag)));

    if ((kind === 'late' || kind === 'out-of-order') && (kind === 'late' || MAY_ARRIVE_OUT_OF_ORDER.has(fact.type))) {
      const lateMs = Math.min(endMs, Math.max(sentMs, officeTime(fact.day + feedNoise.int(7, 60))));
      send(envelope(run, fact, eventId, fact.day, lateMs), lateMs);
      if (kind === 'late') run.lastSentMs = lateMs;
    } else if (kind === 'correction' && CORRECTABLE.has(fact.type) && fact.day - run.lastDay >= 2) {
      // Keyed with an earlier date that still falls after the case's previous fact, so the case reads the same way
      // in between; corrected some days later.
      const wrongDay = fact.day - feedNoise.int(1, Math.min(30, fact.day - run.lastDay - 1));
      send(envelope(run, fact, eventId, wrongDay, sentMs), sentMs);
      run.lastSentMs = sentMs;
      const correctionDay = Math.min(endDay, Math.floor(sentMs / DAY_MS) + feedNoise.int(2, 30));
      const correctionMs = Math.min(endMs, Math.max(sentMs + 60_000, officeTime(correctionDay)));
      const correction = {
        eventId: ids.uuid(),
        caseId: run.caseId,
        la,
        type: 'EventCorrected',
        occurredOn: isoOf(correctionDay),
        source,
        data: { correctedEventId: eventId, occurredOn: isoOf(fact.day) },
        ...(withRecordedAt ? { recordedAt: new Date(correctionMs).toISOString() } : {}),
      } as PathwayEvent;
      send(correction, correctionMs);
    } else if (kind === 'retraction' && MAY_BE_KEYED_TWICE.has(fact.type)) {
      send(envelope(run, fact, eventId, fact.day, sentMs), sentMs);
      const twinMs = Math.min(endMs, sentMs + feedNoise.int(1, 30) * 60_000);
      const twinId = ids.uuid();
      send(envelope(run, keyedInError(fact, feedNoise, model, endDay), twinId, fact.day, twinMs), twinMs);
      run.lastSentMs = twinMs;
      const retractionDay = Math.min(endDay, Math.floor(twinMs / DAY_MS) + feedNoise.int(1, 20));
      const retractionMs = Math.min(endMs, Math.max(twinMs + 60_000, officeTime(retractionDay)));
      const retraction = {
        eventId: ids.uuid(),
        caseId: run.caseId,
        la,
        type: 'EventRetracted',
        occurredOn: isoOf(retractionDay),
        source,
        data: { retractedEventId: twinId, reason: 'keyed in error' },
        ...(withRecordedAt ? { recordedAt: new Date(retractionMs).toISOString() } : {}),
      } as PathwayEvent;
      send(retraction, retractionMs);
    } else {
      const event = envelope(run, fact, eventId, fact.day, sentMs);
      send(event, sentMs);
      run.lastSentMs = sentMs;
      if (kind === 'duplicate') send(event, Math.min(endMs, sentMs + feedNoise.int(60, 3 * 86_400) * 1000));
    }
    run.lastDay = fact.day;
    if (fact.type === 'FinalPlanIssued' || fact.type === 'PlanTransferredIn') {
      const placed = placements.planStarted(run.caseId, run, fact.day, run.birthDay, placementDraws.next());
      if (placed !== null) record(run, { day: fact.day, type: 'PlacementRecorded', data: placed });
    }
  };

  let transfersOwed = 0;
  const firstDay = Math.min(open.peekKey(), firstRequestDay);
  for (let day = firstDay; day <= endDay; day++) {
    if (day >= firstRequestDay && isWorkingDay(day)) {
      const { year, month } = civilOf(day);
      const requestsToday = (requestsInYear(year) * (model.requestSeasonality[month - 1] ?? 1)) / WORKING_DAYS_PER_YEAR;
      // Requests arrive on quota: each day's count is the expected one rounded up or down at random, with the
      // remainder carried, so a year brings its requests to within one (Poisson arrivals would miss a small LA's
      // published count by its square root).
      requestsOwed += requestsToday;
      const requestsNow = Math.max(0, Math.floor(requestsOwed + arrivals.next()));
      requestsOwed -= requestsNow;
      for (let n = requestsNow; n > 0; n--) {
        const age = arrivals.weighted(model.ageAtRequest);
        startCase(
          { kind: 'request', day },
          newProfile(arrivals, model, day - Math.round((age + arrivals.next()) * 365.25)),
        );
      }
      // Transfers in draw from a stream of their own, so the LA's requests draw the same whatever its caseload.
      const extra = options.withExisting ? caseload.extraInflowPerDay(day, activePlans) : 0;
      const transfersToday = (model.transferInPerYear * targetPlans(day) + extra * 365.25) / WORKING_DAYS_PER_YEAR;
      // On quota too, like requests.
      transfersOwed += transfersToday;
      const transfersNow = Math.max(0, Math.floor(transfersOwed + transfers.next()));
      transfersOwed -= transfersNow;
      for (let n = transfersNow; n > 0; n--) {
        const age = transfers.weighted(model.ageOfPlans);
        const profile = newProfile(transfers, model, day - Math.round((age + transfers.next()) * 365.25));
        const lastReviewDay = day - transfers.int(30, 330);
        startCase({ kind: 'transfer-in', day, lastReviewDay, fromLa: transfers.pick(otherLas) }, profile);
      }
    }
    while (open.peekKey() <= day) {
      const run = open.pop() as CaseRun;
      if (run.next.type !== 'wake') record(run, run.next);
      const next = run.facts.next();
      if (next.done || next.value.day > endDay) continue;
      run.next = next.value;
      open.push(next.value.day, run);
    }
    if (day === springTermStart(day)) {
      for (const move of placements.rebalance(day)) {
        record(move.key, { day, type: 'PlacementRecorded', data: { setting: move.setting, area: move.area } });
      }
    }
    caseload.endOfDay(day, activePlans);
    const sentBy = (day + 1) * DAY_MS;
    while (outbox.peekKey() < sentBy) yield outbox.pop() as PathwayEvent;
  }
  while (outbox.size > 0) yield outbox.pop() as PathwayEvent;
}

/** The first working day on or after 4 January of the day's year: placements move at the start of the spring term. */
function springTermStart(day: number): number {
  return workingDayOnOrAfter(dayOf(civilOf(day).year, 1, 4));
}

function newProfile(rng: Random, model: PathwayModel, bornAround: number): CaseProfile {
  const { year, month } = civilOf(bornAround);
  const birthMonth: IsoMonth = `${year}-${String(month).padStart(2, '0')}`;
  return {
    birthDay: dayOf(year, month, 15),
    birthMonth,
    primaryNeed: rng.weighted(model.primaryNeeds),
    team: rng.weighted(model.teams),
    requestSource: rng.weighted(model.requestSources),
  };
}

type NoiseKind = 'late' | 'out-of-order' | 'correction' | 'retraction' | 'duplicate' | 'none';

/** Which noise (at most one) a fact gets, from a uniform draw `u`. */
function noiseKind(u: number, noise: NoiseRates): NoiseKind {
  const kinds: readonly (readonly [NoiseKind, number])[] = [
    ['late', noise.late],
    ['out-of-order', noise.outOfOrder],
    ['correction', noise.corrections],
    ['retraction', noise.retractions],
    ['duplicate', noise.duplicates],
  ];
  let threshold = 0;
  for (const [kind, rate] of kinds) {
    threshold += rate;
    if (u < threshold) return kind;
  }
  return 'none';
}

/** A second fact keyed in error next to a true one: advice asked of the wrong service, or a timescale exception
 * never granted; a need entered on the wrong case; a certificate entered twice. */
function keyedInError(fact: Fact, rng: Random, model: PathwayModel, endDay: number): Fact {
  if (fact.type === 'AdviceRequested') {
    if (rng.chance(0.5)) {
      return {
        day: fact.day,
        type: 'TimescaleExceptionApplied',
        data: { reason: 'personal-circumstances', from: isoOf(fact.day), to: isoOf(Math.min(endDay, fact.day + 28)) },
      };
    }
    return { ...fact, data: { adviceFrom: fact.data.adviceFrom === 'health' ? 'social-care' : 'health' } };
  }
  if (fact.type === 'CaseDetailsUpdated') return { ...fact, data: { primaryNeed: rng.weighted(model.primaryNeeds) } };
  return fact;
}
