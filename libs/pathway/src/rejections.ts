/**
 * Why a fact was refused: what it says cannot be true. Each code comes with a sentence for a person at the case
 * system, naming the date or reference that is wrong.
 */
export const REJECTION_CODES = [
  /** The envelope or its data does not have the contract's shape. */
  'invalid-event',
  /** A fact with this eventId is already recorded on the case. */
  'duplicate-event',
  /** A fact with this eventId is already recorded with other content (another case, type, date, source or data);
   * the new one is not stored. An eventId names one fact for good: send a correction to change a recorded fact. */
  'conflict',
  /** The event's LA or case reference differs from the case it was sent to. */
  'case-mismatch',
  /** occurredOn or a date in the data is not a real calendar date. */
  'invalid-date',
  /** occurredOn or a date in the data is after today. */
  'future-date',
  /** A final plan dated before the request it answers. */
  'final-plan-before-request',
  /** A decision or draft plan dated before the request it answers. */
  'step-before-request',
  /** A second final plan for one request. */
  'duplicate-final-plan',
  /** A withdrawal or decision for a request that was already withdrawn or closed. */
  'no-open-request',
  /** A fact dated before the fact it follows (an appeal outcome before its registration, a decision before the
   * date it was made on). */
  'date-before-predecessor',
  /** A timescale exception whose period ends before it starts. */
  'exception-period-invalid',
  /** An appeal reference registered twice. */
  'appeal-already-registered',
  /** An appeal reference that was never registered. */
  'unknown-appeal',
  /** A withdrawal, concession or decision for an appeal that has already ended. */
  'appeal-already-closed',
  /** A compliance with an order the appeal's decision did not make. */
  'unknown-order',
  /** A second compliance with one order. */
  'order-already-complied',
  /** A correction or retraction of an eventId not recorded on this case. */
  'unknown-event',
  /** A correction or retraction of a fact already retracted. */
  'already-retracted',
  /** A correction that changes nothing, targets a correction or retraction, changes data the fact's type does not
   * have, or would leave the case in a state that cannot be true. */
  'invalid-correction',
  /** A retraction of a retraction. */
  'invalid-retraction',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly kind: 'rejected';
  readonly code: RejectionCode;
  readonly message: string;
}

export function rejection(code: RejectionCode, message: string): Rejection {
  return { kind: 'rejected', code, message };
}
