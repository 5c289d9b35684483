import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ComponentDown, HealthRegistry } from './health.registry.js';

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
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Runs every registered check in the background and keeps the answers, so that the readiness probe and the metrics
 * read a cache instead of querying on the request path. A check that does not answer in 3 s counts as down.
 */
@Injectable()
export class ComponentStates implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly states = new Map<string, ComponentState>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly registry: HealthRegistry) {}

  onApplicationBootstrap(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.refreshing;
  }

  get(name: string): ComponentState | undefined {
    return this.states.get(name);
  }

  all(): ReadonlyMap<string, ComponentState> {
    return this.states;
  }

  /** Checks every component once (a refresh already running is joined, not doubled). */
  refresh(): Promise<void> {
    this.refreshing ??= Promise.all(
      this.registry.entries().map(async ([name, check]) => this.states.set(name, await settle(check))),
    ).then(
      () => void (this.refreshing = undefined),
      () => void (this.refreshing = undefined),
    );
    return this.refreshing;
  }
}

async function settle(check: () => Promise<Record<string, unknown>>): Promise<ComponentState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    return { up: true, details: await Promise.race([check(), timeout]), checkedAt: new Date() };
  } catch (error) {
    return {
      up: false,
      details: error instanceof ComponentDown ? error.details : {},
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof ComponentDown ? { publicReason: error.message } : {}),
      checkedAt: new Date(),
    };
  } finally {
    clearTimeout(timer);
  }
}
