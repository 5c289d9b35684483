import type { DataSource } from 'typeorm';
import type { CalendarSettings } from '#calendar';
import { Generations } from '../../runner/generations.js';
import { activeLaRevision, type LaRevision } from '../../runner/la-revisions.js';
import { qualifiedTable } from '../../runner/projection.js';
import type { CaseFact, FactKind, FactRow, IsoDate } from '../case-facts/facts.js';
import { projectCase, type CaseClockView } from './fold.js';
import type { PathwayEvent } from '#pathway';
import { CASE_CLOCKS_PROJECTION } from './projection.js';

/** The case clock's summary columns, as the at-risk list reads them. */
export interface CaseClockSummaryRow {
  readonly la: string;
  readonly caseId: string;
  readonly stage: string;
  readonly nextDeadline: IsoDate | null;
  readonly nextDeadlineStep: string | null;
  readonly team: string | null;
  readonly primaryNeed: string | null;
}

/** One open obligation of a case, as the at-risk worklist reads it. */
export interface WorklistRow {
  readonly caseId: string;
  readonly stage: string;
  readonly team: string | null;
  readonly primaryNeed: string | null;
  readonly step: string;
  readonly ref: string;
  readonly due: IsoDate;
  readonly until: IsoDate | null;
  readonly action: string;
}

/** Thrown when no generation of the read model exists yet (the projector has never run). */
export class ReadModelNotReadyError extends Error {
  constructor() {
    super('the case clocks read model has not been built yet');
    this.name = 'ReadModelNotReadyError';
  }
}

interface FactRecord {
  case_id: string;
  birth_month: string | null;
  primary_need: string | null;
  request_source: string | null;
  team: string | null;
  fact: FactRow['fact'];
}

/**
 * Reads the active generation of the case clocks. Live figures come from `facts` (SQL narrows to the LA and the
 * period); as-of figures come from `factsAsOf`, which replays each case's events recorded by then through the same
 * pure fold. Either way the KPI functions receive the same fact rows.
 */
export class CaseClockQueries {
  private readonly generations: Generations;

  constructor(private readonly dataSource: DataSource) {
    this.generations = new Generations(dataSource);
  }

  private async table(name: string): Promise<string> {
    const active = await this.generations.active(CASE_CLOCKS_PROJECTION);
    if (active === undefined) throw new ReadModelNotReadyError();
    return qualifiedTable(active.schema, name);
  }

  /** The served generation and the LA's revision in it: what answers derived from the LA's rows are cached under. */
  async laRevision(la: string): Promise<LaRevision> {
    const revision = await activeLaRevision(this.dataSource, CASE_CLOCKS_PROJECTION, la);
    if (revision === undefined) throw new ReadModelNotReadyError();
    return revision;
  }

  /** Fact rows of an LA whose span meets [from, to] (a superset; each KPI applies its exact rule). */
  async facts(la: string, from: IsoDate, to: IsoDate, kinds?: readonly FactKind[]): Promise<FactRow[]> {
    const table = await this.table('case_facts');
    const rows = await this.dataSource.query<FactRecord[]>(
      `SELECT case_id, birth_month, primary_need, request_source, team, fact FROM ${table}
       WHERE la = $1 AND span_from <= $3::date AND (span_until IS NULL OR span_until >= $2::date)
         AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
       ORDER BY case_id, seq`,
      [la, from, to, kinds === undefined ? null : [...kinds]],
    );
    return rows.map((row) => ({
      la,
      caseId: row.case_id,
      birthMonth: row.birth_month,
      primaryNeed: row.primary_need,
      requestSource: row.request_source,
      team: row.team,
      fact: row.fact,
    }));
  }

  /** The case's clock with its fact rows, or undefined when the LA has no such case. */
  async clock(la: string, caseId: string): Promise<CaseClockView | undefined> {
    const clocks = await this.table('case_clock');
    const facts = await this.table('case_facts');
    const rows = await this.dataSource.query<Array<{ clock: Omit<CaseClockView, 'facts'>; facts: CaseFact[] }>>(
      `SELECT c.clock, coalesce(
         (SELECT jsonb_agg(f.fact ORDER BY f.seq) FROM ${facts} f WHERE f.la = c.la AND f.case_id = c.case_id),
         '[]'::jsonb) AS facts
       FROM ${clocks} c WHERE c.la = $1 AND c.case_id = $2`,
      [la, caseId],
    );
    const row = rows[0];
    return row === undefined ? undefined : { ...row.clock, facts: row.facts };
  }

  /** The case's recorded events (all, or those recorded by `asOf`), in the order the store recorded them. */
  async caseEvents(la: string, caseId: string, asOf?: Date): Promise<PathwayEvent[]> {
    const table = await this.table('case_events');
    const rows = await this.dataSource.query<Array<{ event: PathwayEvent }>>(
      `SELECT event FROM ${table} WHERE la = $1 AND case_id = $2 AND ($3::timestamptz IS NULL OR recorded_at <= $3)
       ORDER BY position`,
      [la, caseId, asOf?.toISOString() ?? null],
    );
    return rows.map((row) => row.event);
  }

  /** Clocks whose next deadline falls on or before `by`. */
  async clocksDueBy(la: string, by: IsoDate): Promise<CaseClockSummaryRow[]> {
    const table = await this.table('case_clock');
    const rows = await this.dataSource.query<
      Array<{
        case_id: string;
        stage: string;
        next_deadline: string | null;
        next_deadline_step: string | null;
        team: string | null;
        primary_need: string | null;
      }>
    >(
      `SELECT case_id, stage, next_deadline::text AS next_deadline, next_deadline_step, team, primary_need
       FROM ${table} WHERE la = $1 AND next_deadline <= $2::date ORDER BY next_deadline, case_id`,
      [la, by],
    );
    return rows.map((row) => ({
      la,
      caseId: row.case_id,
      stage: row.stage,
      nextDeadline: row.next_deadline,
      nextDeadlineStep: row.next_deadline_step,
      team: row.team,
      primaryNeed: row.primary_need,
    }));
  }

  /**
   * The LA's open obligations falling due by `by` and still actionable on `today` (their `until` not passed), from
   * each case's worklist, soonest first.
   */
  async worklistDueBy(la: string, by: IsoDate, today: IsoDate): Promise<WorklistRow[]> {
    const table = await this.table('case_clock');
    const rows = await this.dataSource.query<
      Array<{
        case_id: string;
        stage: string;
        team: string | null;
        primary_need: string | null;
        step: string;
        ref: string;
        due: string;
        until: string | null;
        action: string;
      }>
    >(
      `SELECT c.case_id, c.stage, c.team, c.primary_need, w.step, w.ref, w.due::text AS due, w.until::text AS until,
         w.action
       FROM ${table} c
       CROSS JOIN LATERAL jsonb_to_recordset(coalesce(c.clock->'worklist', '[]'::jsonb))
         AS w(step text, ref text, due date, until date, action text)
       WHERE c.la = $1 AND w.due <= $2::date AND (w.until IS NULL OR w.until >= $3::date)
       ORDER BY w.due, c.case_id, w.ref`,
      [la, by, today],
    );
    return rows.map((row) => ({
      caseId: row.case_id,
      stage: row.stage,
      team: row.team,
      primaryNeed: row.primary_need,
      step: row.step,
      ref: row.ref,
      due: row.due,
      until: row.until,
      action: row.action,
    }));
  }

  /**
   * The LA's cases as they stood at `asOf` (an instant): each case's events recorded by then, folded in memory.
   * `caseId` narrows to one case.
   */
  async casesAsOf(la: string, asOf: Date, settings: CalendarSettings, caseId?: string): Promise<CaseClockView[]> {
    const table = await this.table('case_events');
    const rows = await this.dataSource.query<Array<{ case_id: string; event: PathwayEvent }>>(
      `SELECT case_id, event FROM ${table}
       WHERE la = $1 AND recorded_at <= $2 AND ($3::text IS NULL OR case_id = $3)
       ORDER BY case_id, position`,
      [la, asOf.toISOString(), caseId ?? null],
    );
    const clocks: CaseClockView[] = [];
    let start = 0;
    while (start < rows.length) {
      let end = start;
      while (end < rows.length && rows[end]!.case_id === rows[start]!.case_id) end += 1;
      const projected = projectCase(
        rows.slice(start, end).map((row) => row.event),
        settings,
      );
      if (projected !== null) clocks.push(projected.clock);
      start = end;
    }
    return clocks;
  }
}

/**
 * The fact rows of clocks computed in memory (as-of answers), rebuilt as plain data: the KPI functions read each row
 * once per period and measure, and rows assembled by the fold read about 30 times slower there than rows parsed
 * from JSON (measured: 1.5 s against 50 ms for 5 years of one LA by month).
 */
export function factRowsOf(clocks: readonly CaseClockView[]): FactRow[] {
  return structuredClone(
    clocks.flatMap((clock) =>
      clock.facts.map((fact) => ({
        la: clock.la,
        caseId: clock.caseId,
        birthMonth: clock.birthMonth,
        primaryNeed: clock.primaryNeed,
        requestSource: clock.requestSource,
        team: clock.team,
        fact,
      })),
    ),
  );
}
