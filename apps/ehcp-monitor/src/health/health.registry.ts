import { Injectable } from '@nestjs/common';

/** A named check: resolves to details when healthy, throws with a reason when not. */
export type HealthCheck = () => Promise<Record<string, unknown>>;

/**
 * A check's failure whose message is safe to show anyone (the public readiness probe answers with it): it names a
 * component and a state, never a host, a credential or data. Other failures show only on the admins' /health.
 */
export class ComponentDown extends Error {
  override readonly name = 'ComponentDown';
  /** What the check read before deciding the component is down (kept for /health and the metrics). */
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Modules register what /health reports (database, projection lag, consumer lag...). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, HealthCheck]> {
    return [...this.checks.entries()];
  }
}
