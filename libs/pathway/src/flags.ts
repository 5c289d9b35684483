/**
 * Data-quality flags: facts accepted because they are merely unusual, shown on the case's clock so a data lead can
 * check them. Flags are derived from the effective history, so a late fact that fills a gap clears its flag.
 */
export const FLAG_CODES = [
  /** A final plan with no recorded request (the request predates the system, or was never sent). */
  'plan-without-request',
  /** A fact recorded after a fact with a later business date. */
  'out-of-order',
  /** A step whose predecessor is not recorded (a draft plan with no decision to assess, a review with no plan). */
  'step-without-predecessor',
  /** A final plan with no draft plan recorded. */
  'final-plan-without-draft',
  /** A step taken a second time for the same request, review or appeal; the first one counts. */
  'repeated-step',
  /** A new request while an earlier one was still open; the earlier request keeps the clock. */
  'request-while-open',
  /** A fact whose date or data was corrected. */
  'corrected',
  /** A fact retracted as recorded in error. */
  'retracted',
] as const;

export type FlagCode = (typeof FLAG_CODES)[number];

export interface DataQualityFlag {
  readonly code: FlagCode;
  /** The fact the flag is about. */
  readonly eventId: string;
  /** Its business date (as corrected). */
  readonly occurredOn: string;
  readonly message: string;
}
