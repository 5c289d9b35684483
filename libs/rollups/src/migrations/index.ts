import type { DataSource, MigrationInterface } from 'typeorm';
import { WeeklyRollups1763900000000 } from './1763900000000-weekly-rollups.js';

/** Every rollup migration, oldest first. */
export const ROLLUP_MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [WeeklyRollups1763900000000];

/** Key of the advisory lock that serialises migration runs across processes. */
const MIGRATION_LOCK = 7_263_900_001;

/**
 * Applies the pending rollup migrations on a data source that may belong to another module (the read side's),
 * recording them in `rollup_migrations`. Each migration runs in its own short transaction holding an advisory lock,
 * so concurrent starters apply each once; a migration already recorded is skipped, so running this again is a no-op.
 */
export async function migrateRollups(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied: string[] = [];
  for (const Migration of ROLLUP_MIGRATIONS) {
    const migration = new Migration();
    const name = migration.name ?? Migration.name;
    const queryRunner = dataSource.createQueryRunner();
    try {
      await queryRunner.startTransaction();
      await queryRunner.query(`SELECT pg_advisory_xact_lock($1)`, [MIGRATION_LOCK]);
      await queryRunner.query(`
        CREATE TABLE IF NOT EXISTS rollup_migrations (
          name text PRIMARY KEY,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`);
      const done = (await queryRunner.query(`SELECT 1 FROM rollup_migrations WHERE name = $1`, [name])) as unknown[];
      if (done.length === 0) {
        await migration.up(queryRunner);
        await queryRunner.query(`INSERT INTO rollup_migrations (name) VALUES ($1)`, [name]);
        applied.push(name);
      }
      await queryRunner.commitTransaction();
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
  return applied;
}
