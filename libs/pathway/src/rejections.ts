/**
 * Why a fact was refused: what it says cannot be true. Each code has one sentence saying what it means (served at
 * GET /api/v1/rejection-codes and tabled in the README); each rejection also carries a message for a person at the
 * case system, naming the date or reference that is wrong.
 */
export const REJECTION_REASONS = {
  'invalid-event': "The envelope or its data does not have the contract's shape.",
  'duplicate-event': 'A fact with this eventId is already recorded on the case.',
  conflict:
    'A fact with this eventId is already recorded with other content (another case, type, date, source or data); the new one is not stored. An eventId names one fact for good: send a correction to change a recorded fact.',
  'case-mismatch': 'The LA or case reference of the fact differs from the case it was sent to.',
  'invalid-date': 'occurredOn or a date in the data is not a real calendar date.',
  'future-date': 'occurredOn or a date in the data is after today.',
  'final-plan-before-request': 'A final plan is dated before the request it answers.',
  'step-before-request': 'A decision or draft plan is dated before the request it answers.',
  'duplicate-final-plan': 'A second final plan was sent for one request.',
  'no-open-request': 'A withdrawal or decision was sent for a request that was already withdrawn or closed.',
  'date-before-predecessor':
    'A fact is dated before the fact it follows (an appeal outcome before its registration, a decision before the date it was made on).',
  'exception-period-invalid': 'A timescale exception period ends before it starts.',
  'appeal-already-registered': 'An appeal reference was registered twice.',
  'unknown-appeal': 'An appeal reference was never registered.',
  'appeal-already-closed': 'A withdrawal, concession or decision was sent for an appeal that has already ended.',
  'unknown-order': "A compliance was sent for an order the appeal's decision did not make.",
  'order-already-complied': 'A second compliance was sent for one order.',
  'unknown-event': 'A correction or retraction names an eventId not recorded on this case.',
  'already-retracted': 'A correction or retraction names a fact already retracted.',
  'invalid-correction':
    "A correction changes nothing, targets a correction or retraction, changes data the fact's type does not have, or would leave the case in a state that cannot be true.",
  'invalid-retraction': 'A retraction names a retraction.',
} as const;

export type RejectionCode = keyof typeof REJECTION_REASONS;

/** The codes the domain's decide answers with. */
export const REJECTION_CODES = Object.keys(REJECTION_REASONS) as RejectionCode[];

/** Codes the service answers before the domain decides: they concern how a fact arrived, not what it says. */
export const INGESTION_REJECTION_REASONS = {
  'case-erased': 'The case was erased; its facts are no longer recorded, so a replay cannot bring it back.',
  'invalid-envelope':
    "Kafka only: the message's envelope does not have the contract's shape (over HTTP the whole batch is a 400 instead).",
} as const;

export type IngestionRejectionCode = keyof typeof INGESTION_REJECTION_REASONS;

/** Every code a fact can be rejected with, over HTTP or Kafka, with its sentence. */
export const ALL_REJECTION_REASONS: Readonly<Record<RejectionCode | IngestionRejectionCode, string>> = {
  ...REJECTION_REASONS,
  ...INGESTION_REJECTION_REASONS,
};

export interface Rejection {
  readonly kind: 'rejected';
  readonly code: RejectionCode;
  readonly message: string;
}

export function rejection(code: RejectionCode, message: string): Rejection {
  return { kind: 'rejected', code, message };
}
