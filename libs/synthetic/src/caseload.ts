/**
 * Keeps the LA's caseload on its target path (the national growth of plans, scaled to end at the LA's size) by
 * steering cease decisions at annual reviews, the one flow the national figures leave free: requests, refusals and
 * timeliness are calibrated, so new plans are what they are, and the plans that end make up the difference.
 *
 * Each day it compares what the path needs with what is happening: the exits it needs are the plans coming in, less
 * the path's growth, plus a share of any gap between the caseload and the path; exits nobody decides at a review
 * (transfers out, moves, deaths, reaching the age limit) are taken off; the rest is asked of the review decisions, as
 * a multiple of the chance they would cease at the model's own rates. Flows are smoothed over about a quarter.
 */
export class CaseloadSteering {
  private pressure = 1;
  private inflowPerDay = 0;
  private exitsPerDay = 0;
  private steeredPerDay = 0;
  private basePerDay = 0;
  private inflowToday = 0;
  private exitsToday = 0;
  private steeredToday = 0;
  private baseToday = 0;

  constructor(
    /** The plans the LA should hold on a day. */
    private readonly target: (day: number) => number,
    /** Yearly growth of the path (e.g. 1.105). */
    private readonly growth: number,
    /** Steering starts on this day; before it, reviews cease plans at the model's own rates. */
    private readonly from: number,
    private readonly smoothingDays = 91,
    /** How fast a gap between caseload and path is closed (days). */
    private readonly catchUpDays = 180,
    private readonly limits: readonly [number, number] = [0.1, 6],
  ) {}

  /** The chance that a review decides to cease a plan whose chance at the model's rates is `base`. */
  ceaseChance(base: number): number {
    const chance = Math.min(0.95, base * this.pressure);
    this.baseToday += base;
    this.steeredToday += chance;
    return chance;
  }

  planStarted(): void {
    this.inflowToday++;
  }

  planEnded(): void {
    this.exitsToday++;
  }

  /** Folds the day's flows into the smoothed rates and sets the pressure for the next day. */
  endOfDay(day: number, activePlans: number): void {
    const k = 1 / this.smoothingDays;
    this.inflowPerDay += (this.inflowToday - this.inflowPerDay) * k;
    this.exitsPerDay += (this.exitsToday - this.exitsPerDay) * k;
    this.steeredPerDay += (this.steeredToday - this.steeredPerDay) * k;
    this.basePerDay += (this.baseToday - this.basePerDay) * k;
    this.inflowToday = this.exitsToday = this.steeredToday = this.baseToday = 0;
    if (day + 1 < this.from || this.basePerDay <= 0) return;
    const target = this.target(day + 1);
    const pathGrowthPerDay = (target * Math.log(this.growth)) / 365.25;
    const exitsNeeded = this.inflowPerDay - pathGrowthPerDay + (activePlans - target) / this.catchUpDays;
    const unsteeredExits = Math.max(0, this.exitsPerDay - this.steeredPerDay);
    const [low, high] = this.limits;
    this.pressure = Math.min(high, Math.max(low, (exitsNeeded - unsteeredExits) / this.basePerDay));
  }

  /**
   * Plans a day to take in beyond the usual transfers, when the caseload is below its path and the reviews already
   * cease as few plans as they can: a small LA whose plans age out faster than its few requests bring new ones would
   * otherwise fall away from its published caseload. The plans come as transfers in from other LAs.
   */
  extraInflowPerDay(day: number, activePlans: number): number {
    if (day < this.from || this.pressure > this.limits[0]) return 0;
    return Math.max(0, this.target(day) - activePlans) / this.catchUpDays;
  }

  get currentPressure(): number {
    return this.pressure;
  }
}
