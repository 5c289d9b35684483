import { Injectable } from '@nestjs/common';

/** A named check: resolves to details when healthy, throws with a reason when not. */
export type HealthCheck = () => Promise<Record<string, unknown>>;

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
