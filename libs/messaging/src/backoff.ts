/** Delays between retries of a transient failure: exponential, capped, with jitter so consumers do not align. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 30_000, factor: 2 };

/**
 * The delay before retry number `attempt` (1 for the first retry): half of the capped exponential step, plus a
 * random share of the other half.
 */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const step = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}
