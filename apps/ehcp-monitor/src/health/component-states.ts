import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ComponentDown, HealthRegistry, type HealthCheck } from './health.registry.js';

/** The last answer of one registered check. */
export interface ComponentState {
  readonly up: boolean;
  readonly details: Record<string, unknown>;
  readonly message?: string;
  /** The failure's reason when the check gave one fit for the public readiness probe (a ComponentDown). */
  readonly publicReason?: string;
  readonly checkedAt: Date;
}

const REFRESH_MS = 2_000;
const SHUTDOWN_WAIT_MS = 3_000;

/**
 * Runs every registered check in the background and keeps the answers, so that the readiness probe and the metrics
 * read a cache instead of querying on the request path. Each check refreshes on its own: one that is slow to answer
 * (a database busy with an import) keeps its last answer, and does not hold up the others, until that answer is
 * older than readiness accepts (then the component counts as unknown). A check that fails counts as down at once.
 */
@Injectable()
export class ComponentStates implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly states = new Map<string, ComponentState>();
  private readonly inFlight = new Map<string, { check: HealthCheck; answered: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly registry: HealthRegistry) {}

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // A check that never answers must not hold up the shutdown.
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([Promise.all([...this.inFlight.values()].map((f) => f.answered)), bound]);
    clearTimeout(timer);
  }

  get(name: string): ComponentState | undefined {
    return this.states.get(name);
  }

  all(): ReadonlyMap<string, ComponentState> {
    return this.states;
  }

  /** Starts every check not already running; resolves when the ones started (or joined) have answered. */
  refresh(): Promise<void> {
    return Promise.all(
      this.registry.entries().map(([name, check]) => {
        const running = this.inFlight.get(name);
        // A check registered anew (replacing one still running) starts at once.
        if (running !== undefined && running.check === check) return running.answered;
        const answered = settle(check).then((state) => {
          if (this.inFlight.get(name)?.answered !== answered) return;
          this.states.set(name, state);
          this.inFlight.delete(name);
        });
        this.inFlight.set(name, { check, answered });
        return answered;
      }),
    ).then(() => undefined);
  }
}

async function settle(check: HealthCheck): Promise<ComponentState> {
  try {
    return { up: true, details: await check(), checkedAt: new Date() };
  } catch (error) {
    return {
      up: false,
      details: error instanceof ComponentDown ? error.details : {},
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof ComponentDown ? { publicReason: error.message } : {}),
      checkedAt: new Date(),
    };
  }
}
