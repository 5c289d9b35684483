import { EntitySchema } from 'typeorm';

/**
 * The read-model tables as created in the template schema `read_model_template` (see the first migration). Each
 * generation of a projection clones them into its own schema, so the runner and queries address them by SQL with the
 * generation's schema name; these entities document the columns and keep `migration:generate` honest.
 */
const TEMPLATE = 'read_model_template';

/** One recorded event of a case, kept so that the fold can recompute the case without reading the event store. */
export interface CaseEventRow {
  la: string;
  caseId: string;
  /** Global position in the event store (a bigint as a string). */
  position: string;
  recordedAt: Date;
  /** The pathway event envelope, with recordedAt. */
  event: unknown;
}

export const CaseEventEntity = new EntitySchema<CaseEventRow>({
  name: 'CaseEvent',
  schema: TEMPLATE,
  tableName: 'case_events',
  columns: {
    la: { type: 'text', primary: true },
    caseId: { name: 'case_id', type: 'text', primary: true },
    position: { type: 'bigint', primary: true },
    recordedAt: { name: 'recorded_at', type: 'timestamptz' },
    event: { type: 'jsonb' },
  },
  indices: [{ name: 'case_events_recorded', columns: ['la', 'recordedAt'] }],
});

export interface CaseClockRow {
  la: string;
  caseId: string;
  stage: string;
  nextDeadline: string | null;
  nextDeadlineStep: string | null;
  team: string | null;
  primaryNeed: string | null;
  birthMonth: string | null;
  requestSource: string | null;
  clock: unknown;
  updatedPosition: string;
}

export const CaseClockEntity = new EntitySchema<CaseClockRow>({
  name: 'CaseClock',
  schema: TEMPLATE,
  tableName: 'case_clock',
  columns: {
    la: { type: 'text', primary: true },
    caseId: { name: 'case_id', type: 'text', primary: true },
    stage: { type: 'text' },
    nextDeadline: { name: 'next_deadline', type: 'date', nullable: true },
    nextDeadlineStep: { name: 'next_deadline_step', type: 'text', nullable: true },
    team: { type: 'text', nullable: true },
    primaryNeed: { name: 'primary_need', type: 'text', nullable: true },
    birthMonth: { name: 'birth_month', type: 'text', nullable: true },
    requestSource: { name: 'request_source', type: 'text', nullable: true },
    clock: { type: 'jsonb' },
    updatedPosition: { name: 'updated_position', type: 'bigint' },
  },
  indices: [{ name: 'case_clock_next_deadline', columns: ['la', 'nextDeadline'] }],
});

export interface CaseFactEntityRow {
  la: string;
  caseId: string;
  seq: number;
  kind: string;
  spanFrom: string;
  spanUntil: string | null;
  primaryNeed: string | null;
  birthMonth: string | null;
  requestSource: string | null;
  team: string | null;
  fact: unknown;
}

export const CaseFactEntity = new EntitySchema<CaseFactEntityRow>({
  name: 'CaseFact',
  schema: TEMPLATE,
  tableName: 'case_facts',
  columns: {
    la: { type: 'text', primary: true },
    caseId: { name: 'case_id', type: 'text', primary: true },
    seq: { type: 'integer', primary: true },
    kind: { type: 'text' },
    spanFrom: { name: 'span_from', type: 'date' },
    spanUntil: { name: 'span_until', type: 'date', nullable: true },
    primaryNeed: { name: 'primary_need', type: 'text', nullable: true },
    birthMonth: { name: 'birth_month', type: 'text', nullable: true },
    requestSource: { name: 'request_source', type: 'text', nullable: true },
    team: { name: 'team', type: 'text', nullable: true },
    fact: { type: 'jsonb' },
  },
  indices: [{ name: 'case_facts_period', columns: ['la', 'kind', 'spanFrom', 'spanUntil'] }],
});
