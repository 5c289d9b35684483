/** The event store: the EventStore port and its PostgreSQL (also embedded PGlite) and KurrentDB adapters. */
export * from './event-store.js';
export { contentHash } from './content-hash.js';
export { InvalidNewEventError, isUuid } from './new-events.js';
export { migrateEventStore, pendingEventStoreMigrations } from './postgres/migrate.js';
export { EVENTS_CHANNEL, PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  startEmbeddedPostgres,
} from './pglite/embedded-postgres.js';
export { createPgliteEventStore, type PgliteEventStoreOptions } from './pglite/pglite-event-store.js';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store.js';
