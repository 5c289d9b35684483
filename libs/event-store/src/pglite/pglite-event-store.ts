import pg from 'pg';
import { migrateEventStore } from '../postgres/migrate.js';
import { PostgresEventStore } from '../postgres/postgres-event-store.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

export type PgliteEventStoreOptions =
  /** Opens (and on close, closes) its own embedded database in this folder. */
  | { readonly dataDir: string; readonly pollIntervalMs?: number }
  /** Uses an embedded database the caller started and closes (e.g. shared with the read models' ORM). */
  | { readonly embedded: EmbeddedPostgres; readonly pollIntervalMs?: number };

/**
 * The PostgreSQL event store on embedded PGlite: the same SQL and migrations, through one pooled connection (the
 * embedded server has a single session, so the store's work is serialised there) and polling instead of
 * LISTEN/NOTIFY.
 */
export async function createPgliteEventStore(options: PgliteEventStoreOptions): Promise<PostgresEventStore> {
  const owned = 'dataDir' in options;
  const embedded = owned ? await startEmbeddedPostgres({ dataDir: options.dataDir }) : options.embedded;
  const pool = new pg.Pool({ connectionString: embedded.connectionString, max: 1 });
  pool.on('error', () => undefined);
  try {
    await migrateEventStore(pool);
  } catch (error) {
    await pool.end();
    if (owned) await embedded.close();
    throw error;
  }
  return new PostgresEventStore(pool, {
    notifications: false,
    pollIntervalMs: options.pollIntervalMs ?? 50,
    onClose: async () => {
      await pool.end();
      if (owned) await embedded.close();
    },
  });
}
