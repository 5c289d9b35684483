/**
 * How a shaped LA is steered, year by year, onto its published new plans and 20-week timeliness. The model's rates
 * are open-loop: plans issued in a year answer requests made months before (more than a year before in a slow LA),
 * some come by other paths (a re-request, a tribunal order), and a year's timeliness mixes that year's requests with
 * older ones. So the LA's requests are first simulated alone, and each pass's counts set the steering of the next
 * (see {@link YearlySteering.learn}).
 */
export class YearlySteering {
  private readonly scale = new Map<number, number>();
  private readonly shift = new Map<number, number>();
  private readonly hold = new Map<number, number>();
  private tally = new Map<number, YearTally>();

  /** How much more (or less) often than the model an assessment ends in a plan issued in `year`. */
  planScale(year: number): number {
    return this.scale.get(year) ?? 1;
  }

  /** Points added to the chance that a plan without an exception is issued within 20 weeks, by year of the 20-week
   * date. */
  onTimeShift(year: number): number {
    return this.shift.get(year) ?? 0;
  }

  /**
   * Of the assessments whose plan would be issued in `year` but which the LA's published plans leave without one,
   * the share held over instead and issued early the next year: the backlog an LA carries into a year in which it
   * issues more plans than that year's assessments can give (Kent in 2024: 2,890 new plans from 4,001 requests,
   * 55% refused).
   */
  holdOver(year: number): number {
    return this.hold.get(year) ?? 0;
  }

  /** An assessment whose plan would have been issued in `year` ended without one, or was held over. */
  notPlanned(year: number, heldOver: boolean): void {
    const tally = this.tallyOf(year);
    tally.notPlanned += 1;
    if (heldOver) this.tallyOf(year + 1).heldIn += 1;
  }

  /** A final plan issued in `year`, within 20 weeks of its request or not (null: one the 20-week measure leaves
   * out, made under a tribunal order); `steered`: one without an exception whose 20 weeks end in `year`, whose
   * timeliness the year's shift moves. */
  planIssued(year: number, within20Weeks: boolean | null, steered = false): void {
    const tally = this.tallyOf(year);
    tally.issued += 1;
    if (within20Weeks !== null) tally.timed += 1;
    if (within20Weeks === true) tally.within20Weeks += 1;
    if (steered) tally.steered += 1;
  }

  /**
   * Whether the pass just simulated issued, in each year from `from` to `to`, its `published` new plans (within 2%,
   * or one plan) and the `onTime` 20-week rate (within 1.5 points, or one plan): if so the steering is kept as it is,
   * and the LA generated with it issues the same plans (its requests draw the same with or without the plans it
   * already maintains).
   */
  onTarget(from: number, to: number, published: (year: number) => number, onTime: (year: number) => number): boolean {
    for (let year = from; year <= to; year++) {
      const counted = this.tally.get(year);
      const wanted = published(year);
      if (counted === undefined) {
        if (wanted >= 1) return false;
        continue;
      }
      if (Math.abs(counted.issued - wanted) > Math.max(1, 0.02 * wanted)) return false;
      if (counted.timed === 0) continue;
      const gap = Math.abs(counted.within20Weeks / counted.timed - onTime(year));
      if (gap > Math.max(0.015, 1 / counted.timed)) return false;
    }
    return true;
  }

  /**
   * Sets the steering from the counts of the pass just simulated, towards the `published` new plans and the
   * `onTime` 20-week rate (including exceptions) of each year of issue from `from`, then clears the counts for the
   * next pass.
   *
   * A year's plans come first from its own assessments, by scaling the chance of a plan (at most to every
   * assessment; `saturatedScale` is the scale at which each ends in one); what they cannot give comes from the
   * previous year's assessments that would have ended without a plan, held over. The chance of a plan within 20
   * weeks is shifted by the year's gap; where it cannot move far enough (an LA that issues 99% of its plans within
   * 20 weeks, while the late plans of the warm-up year before come into the year), the rest moves the warm-up year's
   * chance, whose own timeliness is not compared. `unsteeredOnTime` is the model's chance for plans without an
   * exception, and `exceptionShare` the share of plans with one, whose timeliness is not steered.
   */
  learn(targets: {
    readonly from: number;
    readonly published: (year: number) => number;
    readonly onTime: (year: number) => number;
    readonly unsteeredOnTime: (year: number) => number;
    readonly saturatedScale: number;
    readonly exceptionShare: number;
  }): void {
    const { from, published, onTime, unsteeredOnTime, saturatedScale, exceptionShare } = targets;
    const tally = this.tally;
    this.tally = new Map();
    for (const [year, counted] of [...tally].sort(([a], [b]) => a - b)) {
      if (counted.issued === 0) continue;
      const wanted = published(year);
      const own = counted.issued - counted.heldIn;
      const capacity = own + counted.notPlanned;
      const before = tally.get(year - 1)?.notPlanned ?? 0;
      let heldIn = 0;
      if (wanted > capacity && before > 0) {
        this.scale.set(year, Math.min(3, saturatedScale));
        const hold = Math.min(1, (wanted - capacity) / before);
        this.hold.set(year - 1, hold);
        heldIn = hold * before;
      } else {
        this.hold.delete(year - 1);
        const next = own > 0 ? (this.planScale(year) * wanted) / own : 3;
        this.scale.set(year, Math.min(3, Math.max(0.02, next)));
      }
      // The rate the next pass would count as it stands: plans held over are late ones.
      const timed = counted.timed - counted.heldIn + heldIn;
      if (year < from || timed <= 0) continue;
      // Shifting the year's chance moves its steered plans: a plan more on time is one plan more of `timed`.
      const gap = onTime(year) - counted.within20Weeks / timed;
      const steered = Math.max(counted.steered, 0.25 * timed * (1 - exceptionShare));
      const wantedShift = this.onTimeShift(year) + (gap * timed) / steered;
      const base = unsteeredOnTime(year);
      const shift = Math.min(1 - base, Math.max(-base, wantedShift));
      this.shift.set(year, shift);
      if (year === from && shift !== wantedShift) {
        const warmUp = year - 1;
        const room = unsteeredOnTime(warmUp);
        const spilled = this.onTimeShift(warmUp) + wantedShift - shift;
        this.shift.set(warmUp, Math.min(1 - room, Math.max(-room, spilled)));
      }
    }
  }

  private tallyOf(year: number): YearTally {
    let tally = this.tally.get(year);
    if (tally === undefined) {
      tally = { issued: 0, timed: 0, within20Weeks: 0, steered: 0, notPlanned: 0, heldIn: 0 };
      this.tally.set(year, tally);
    }
    return tally;
  }
}

interface YearTally {
  issued: number;
  /** Plans the 20-week measure counts, and of those, the plans issued within 20 weeks. */
  timed: number;
  within20Weeks: number;
  /** Plans without an exception whose 20 weeks end in the year. */
  steered: number;
  notPlanned: number;
  /** Plans issued in the year that were held over from the year before. */
  heldIn: number;
}
