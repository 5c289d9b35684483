/** The target did not answer: the CLI exits with code 3. */
export class TargetUnreachableError extends Error {
  constructor(url: string, reason: string) {
    super(`cannot reach the service at ${url}: ${reason}`);
    this.name = 'TargetUnreachableError';
  }
}

/** Fails fast, before any work, when nothing answers the liveness probe at `url` within `timeoutMs`. */
export async function checkTarget(url: string, timeoutMs = 5_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    throw new TargetUnreachableError(url, cause ?? (error instanceof Error ? error.message : String(error)));
  }
  await response.body?.cancel();
  if (response.status >= 500) throw new TargetUnreachableError(url, `its liveness probe answered ${response.status}`);
}
