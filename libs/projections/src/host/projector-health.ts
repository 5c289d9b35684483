import type { ProjectionRunner } from '../runner/projection-runner.js';

/**
 * The projector's health check. Where the projector runs in this process, the answer comes from what its loop last
 * did, kept in memory: no query, so a busy database (an import, a rebuild) cannot make it slow or time out. Down when
 * the oldest unfolded event is older than `maxLagSeconds` (unless a rebuild is running: stale figures are then served
 * by design) or when the loop has not read the store for that long. Elsewhere, the lag is looked up in the database.
 */
export function projectorHealth(
  runner: ProjectionRunner,
  options: { readonly maxLagSeconds: number; readonly projector: boolean },
): () => Promise<Record<string, unknown>> {
  return async () => {
    const progress = runner.progress.snapshot();
    if (!options.projector || !progress.started) {
      const lag = await runner.lag();
      if (lag.secondsBehind > options.maxLagSeconds && lag.rebuilding === undefined) {
        throw new Error(`case clocks are ${lag.secondsBehind} s behind the event store`);
      }
      return { ...lag };
    }
    if (progress.secondsBehind > options.maxLagSeconds && !runner.rebuilding) {
      throw new Error(`case clocks are ${progress.secondsBehind} s behind the event store`);
    }
    if (progress.secondsSinceRead > options.maxLagSeconds) {
      throw new Error(`the projector has not read the event store for ${progress.secondsSinceRead} s`);
    }
    return { projection: runner.projection.name, ...progress, rebuilding: runner.rebuilding };
  };
}
