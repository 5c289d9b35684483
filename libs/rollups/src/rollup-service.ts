import type { DataSource } from 'typeorm';
import { DEFAULT_CALENDAR_SETTINGS, type CalendarSettings, type IsoDate } from '#calendar';
import { londonDate } from '#kpis';
import { KPI_ROLLUPS_WEEKLY_TOPIC } from '#messaging';
import {
  CASE_CLOCKS_PROJECTION,
  CaseClockQueries,
  Generations,
  qualifiedTable,
  ReadModelNotReadyError,
  type FactRow,
} from '#projections';
import { computeRollup, factRange, ROLLUP_FACT_KINDS, type WeeklyRollup } from './rollup.js';
import { RollupStore, type IssuedRevision } from './rollup-store.js';
import { isComplete, recentWeeks, weekWindow } from './weeks.js';

export interface RollupServiceOptions {
  /** How many complete weeks each run recomputes, newest first (default 13). */
  readonly weeks?: number;
  /** At-risk horizon in days after the Sunday (default 14). */
  readonly atRiskDays?: number;
  readonly topic?: string;
  readonly clock?: () => Date;
  /**
   * How far the case clocks are behind the event store (e.g. the case clocks runner's `lag`). When given, a run
   * refuses to compute from a read model more than `maxLagSeconds` behind, so a week is not first reported from
   * half-folded facts (after a restart or during a rebuild's catch-up).
   */
  readonly projectorLag?: () => Promise<{ readonly secondsBehind: number }>;
  /** Default 60 s. */
  readonly maxLagSeconds?: number;
  /** The counting settings the case clocks run under, named in each rollup (default the documented defaults). */
  readonly settings?: CalendarSettings;
}

export interface PublishRequest {
  /** One LA; default every LA with cases. */
  readonly la?: string;
  /** One week (needs `la`); default the recent complete weeks. */
  readonly week?: string;
}

export interface PublishResult {
  /** The Europe/London date the run took as today. */
  readonly today: IsoDate;
  readonly weeks: readonly string[];
  readonly las: readonly string[];
  /** New revisions written (each with its outbox record). */
  readonly issued: readonly IssuedRevision[];
  /** Weeks whose content equals their latest revision: nothing written. */
  readonly unchanged: number;
}

/** A week that has not ended yet cannot be published: its figures would change every day. */
export class IncompleteWeekError extends Error {
  constructor(week: string, today: IsoDate) {
    super(`week ${week} has not ended yet (today is ${today} in Europe/London)`);
    this.name = 'IncompleteWeekError';
  }
}

/** The case clocks are too far behind the event store to publish from. */
export class ProjectorBehindError extends Error {
  constructor(secondsBehind: number, maxLagSeconds: number) {
    super(`the case clocks are ${secondsBehind} s behind the event store (at most ${maxLagSeconds} s to publish)`);
    this.name = 'ProjectorBehindError';
  }
}

/**
 * Computes weekly rollups from the case clocks' fact rows and issues a new revision (with its outbox record) for
 * each week whose content changed. Re-running with nothing new recorded issues nothing.
 */
export class RollupService {
  readonly store: RollupStore;
  private readonly queries: CaseClockQueries;
  private readonly generations: Generations;
  private readonly weeks: number;
  private readonly atRiskDays: number;
  private readonly topic: string;
  private readonly clock: () => Date;
  private readonly maxLagSeconds: number;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: RollupServiceOptions = {},
  ) {
    this.store = new RollupStore(dataSource);
    this.queries = new CaseClockQueries(dataSource);
    this.generations = new Generations(dataSource);
    this.weeks = options.weeks ?? 13;
    this.atRiskDays = options.atRiskDays ?? 14;
    this.topic = options.topic ?? KPI_ROLLUPS_WEEKLY_TOPIC;
    this.clock = options.clock ?? (() => new Date());
    this.maxLagSeconds = options.maxLagSeconds ?? 60;
    if (!Number.isInteger(this.weeks) || this.weeks < 1) throw new RangeError('weeks must be a positive whole number');
  }

  /** Today in Europe/London, by the service's clock. */
  today(): IsoDate {
    return londonDate(this.clock());
  }

  /** Publishes runs one after another within this process (other processes queue per week in the database). */
  publish(request: PublishRequest = {}): Promise<PublishResult> {
    const run = this.running.then(() => this.run(request));
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Publishes the recent weeks of one LA, or of every LA with cases. */
  publishNow(la?: string): Promise<PublishResult> {
    return this.publish(la === undefined ? {} : { la });
  }

  private async run(request: PublishRequest): Promise<PublishResult> {
    const today = this.today();
    let weeks: string[];
    if (request.week !== undefined) {
      if (request.la === undefined) throw new RangeError('a week is published for one LA: give la too');
      if (!isComplete(request.week, today)) throw new IncompleteWeekError(request.week, today);
      weeks = [request.week];
    } else {
      weeks = recentWeeks(today, this.weeks);
    }
    if (this.options.projectorLag !== undefined) {
      const { secondsBehind } = await this.options.projectorLag();
      if (secondsBehind > this.maxLagSeconds) throw new ProjectorBehindError(secondsBehind, this.maxLagSeconds);
    }
    const las = request.la === undefined ? await this.lasWithCases() : [request.la];
    const issued: IssuedRevision[] = [];
    let unchanged = 0;
    for (const la of las) {
      for (const rollup of await this.compute(la, weeks)) {
        const revision = await this.store.issueIfChanged(rollup, { topic: this.topic });
        if (revision === null) unchanged += 1;
        else issued.push(revision);
      }
    }
    return { today, weeks, las, issued, unchanged };
  }

  /** The rollups of an LA's weeks as the read model stands now (revision not yet assigned). */
  async compute(la: string, weeks: readonly string[]): Promise<Array<Omit<WeeklyRollup, 'revision'>>> {
    if (weeks.length === 0) return [];
    const active = await this.generations.active(CASE_CLOCKS_PROJECTION);
    if (active === undefined) throw new ReadModelNotReadyError();
    const windows = weeks.map(weekWindow);
    const range = factRange(windows, this.atRiskDays);
    const rows: FactRow[] = await this.queries.facts(la, range.from, range.to, ROLLUP_FACT_KINDS);
    const computedAt = this.clock();
    const rollups: Array<Omit<WeeklyRollup, 'revision'>> = [];
    for (const window of windows) {
      rollups.push(
        computeRollup(la, window, rows, {
          atRiskDays: this.atRiskDays,
          settings: this.options.settings ?? DEFAULT_CALENDAR_SETTINGS,
          computedAt,
          basedOnPosition: active.position.toString(),
        }),
      );
      // A week of a large LA is ~150 ms of CPU: let requests in between weeks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return rollups;
  }

  /** Every LA the case clocks hold a case for. */
  async lasWithCases(): Promise<string[]> {
    const active = await this.generations.active(CASE_CLOCKS_PROJECTION);
    if (active === undefined) throw new ReadModelNotReadyError();
    const rows = await this.dataSource.query<Array<{ la: string }>>(
      `SELECT DISTINCT la FROM ${qualifiedTable(active.schema, 'case_clock')} ORDER BY la`,
    );
    return rows.map((row) => row.la);
  }
}
