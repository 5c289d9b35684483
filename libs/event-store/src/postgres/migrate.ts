import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { BUNDLED_MIGRATIONS } from './bundled-migrations.js';
import { toEventStoreError } from './pg-errors.js';

/** Session advisory lock held while migrating, so that processes starting together apply each migration once. */
const MIGRATION_LOCK_KEY = 7_264_011;

export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** The migrations folder next to this module, or undefined in a build that ships only compiled JavaScript. */
export function migrationsDirectory(): string | undefined {
  const here = fileURLToPath(new URL('./migrations/', import.meta.url));
  return existsSync(here) ? here : undefined;
}

/** The `.sql` files in name order; without the folder, the copy bundled into the code. */
export function loadMigrations(directory: string | undefined = migrationsDirectory()): Migration[] {
  if (directory === undefined) return [...BUNDLED_MIGRATIONS];
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(directory, file), 'utf8') }));
}

/**
 * Applies the event store's SQL migrations that are not yet recorded in `event_store_migrations`, each in its own
 * transaction. Idempotent; safe to call from several processes at once. Returns the names applied now.
 */
export async function migrateEventStore(pool: pg.Pool): Promise<string[]> {
  const migrations = loadMigrations();
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toEventStoreError(error);
  }
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        `create table if not exists public.event_store_migrations (
           name text primary key,
           applied_at timestamptz not null default now()
         )`,
      );
      const done = await client.query<{ name: string }>('select name from public.event_store_migrations');
      const doneNames = new Set(done.rows.map((row) => row.name));
      for (const migration of migrations) {
        if (doneNames.has(migration.name)) continue;
        await client.query('begin');
        try {
          await client.query(migration.sql);
          await client.query('insert into public.event_store_migrations (name) values ($1)', [migration.name]);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
        applied.push(migration.name);
      }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    throw toEventStoreError(error);
  } finally {
    client.release();
  }
  return applied;
}

/** The names of the event store's migrations not yet recorded as applied (all of them before the first start). */
export async function pendingEventStoreMigrations(pool: pg.Pool): Promise<string[]> {
  const table = await pool.query<{ exists: boolean }>(
    "select to_regclass('public.event_store_migrations') is not null as exists",
  );
  if (table.rows[0]?.exists !== true) return loadMigrations().map((m) => m.name);
  const done = await pool.query<{ name: string }>('select name from public.event_store_migrations');
  const doneNames = new Set(done.rows.map((row) => row.name));
  return loadMigrations()
    .map((m) => m.name)
    .filter((name) => !doneNames.has(name));
}
