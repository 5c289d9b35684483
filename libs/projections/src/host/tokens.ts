import type { CalendarSettings } from '#calendar';
import type { EventStore } from '#event-store';

/** What the projections module needs from the service that mounts it. */
export interface ProjectionsModuleOptions {
  /** PostgreSQL for the read models (the same database as the event store is fine). */
  readonly connectionString: string;
  /** Embedded PGlite: the read side uses a pool of one connection, and rebuilds write by INSERT, not COPY. */
  readonly embedded: boolean;
  /** The store the projector reads from. */
  readonly eventStore: EventStore;
  /** The store's tables are in this database (the PostgreSQL event store on the same connection): see the runner. */
  readonly storeInSameDatabase?: boolean;
  /** countFrom, reviewDue, nextReviewFrom (defaults from the calendar). A change rebuilds the case clocks. */
  readonly settings?: CalendarSettings;
  /** Run the projector in this process (the `projector` role). Default true. */
  readonly projector?: boolean;
  /** Events per projection transaction (default 1,000). */
  readonly batchSize?: number;
  /** Registers a /health check; `projections` reports the projector's lag. */
  readonly registerHealth?: (name: string, check: () => Promise<Record<string, unknown>>) => void;
  /** Lag above which the health check reports down (default 300 s). */
  readonly maxLagSeconds?: number;
}

export const PROJECTIONS_MODULE_OPTIONS = Symbol('PROJECTIONS_MODULE_OPTIONS');
/** The read side's TypeORM DataSource (initialised and migrated). */
export const READ_MODEL_DATA_SOURCE = Symbol('READ_MODEL_DATA_SOURCE');
/** The ProjectionRunner of the case clocks. */
export const CASE_CLOCKS_RUNNER = Symbol('CASE_CLOCKS_RUNNER');
