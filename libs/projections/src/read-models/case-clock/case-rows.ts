import type { CalendarSettings } from '#calendar';
import type { PathwayEvent } from '#pathway';
import { factSpan } from '../case-facts/facts.js';
import { projectCase } from './fold.js';

/** The columns of `case_clock`, in the order `clockRow` gives them. */
export const CLOCK_COLUMNS = [
  'la',
  'case_id',
  'stage',
  'next_deadline',
  'next_deadline_step',
  'team',
  'primary_need',
  'birth_month',
  'request_source',
  'clock',
  'updated_position',
] as const;

/** The columns of `case_facts`, in the order `factRows` gives them. */
export const FACT_COLUMNS = [
  'la',
  'case_id',
  'seq',
  'kind',
  'span_from',
  'span_until',
  'primary_need',
  'birth_month',
  'request_source',
  'team',
  'fact',
] as const;

type Row<C extends readonly string[]> = Record<C[number], unknown>;

export interface CaseRows {
  readonly clock: Row<typeof CLOCK_COLUMNS>;
  readonly facts: Array<Row<typeof FACT_COLUMNS>>;
}

/**
 * A case's clock row and fact rows from its whole history (events with recordedAt), or null when the history holds
 * no case yet. The one place both the live fold and the rebuild build a case's rows.
 */
export function caseRows(
  la: string,
  caseId: string,
  history: readonly PathwayEvent[],
  position: string,
  settings: CalendarSettings,
): CaseRows | null {
  const projected = projectCase(history, settings);
  if (projected === null) return null;
  // The fact rows live in case_facts; the clock column keeps the rest.
  const { facts: _facts, ...clock } = projected.clock;
  return {
    clock: {
      la,
      case_id: caseId,
      stage: clock.stage,
      next_deadline: clock.nextDeadline?.due ?? null,
      next_deadline_step: clock.nextDeadline?.step ?? null,
      team: clock.team,
      primary_need: clock.primaryNeed,
      birth_month: clock.birthMonth,
      request_source: clock.requestSource,
      clock,
      updated_position: position,
    },
    facts: projected.facts.map((row, seq) => {
      const span = factSpan(row.fact);
      return {
        la,
        case_id: caseId,
        seq,
        kind: row.fact.kind,
        span_from: span.from,
        span_until: span.until,
        primary_need: row.primaryNeed,
        birth_month: row.birthMonth,
        request_source: row.requestSource,
        team: row.team,
        fact: row.fact,
      };
    }),
  };
}

/** A row object as column values in `columns` order, for a bulk write. */
export function columnValues<C extends readonly string[]>(columns: C, row: Row<C>): unknown[] {
  return columns.map((column) => row[column as C[number]]);
}
