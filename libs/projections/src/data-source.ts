import pg from 'pg';
import { DataSource } from 'typeorm';
import { READ_MODEL_MIGRATIONS } from './migrations/index.js';
import { CaseClockEntity, CaseFactEntity, CaseEventEntity } from './read-models/entities.js';
import { ProjectionEntity, ProjectionGenerationEntity, ProjectionLaRevisionEntity } from './runner/entities.js';

export interface ReadModelDataSourceOptions {
  /** Embedded PGlite serves one session: a pool of one connection serialises the work. */
  readonly embedded: boolean;
  /** Pool size on a real server (default 10). */
  readonly poolSize?: number;
}

/**
 * The read side's TypeORM data source. Schema changes go through migrations (`migrateReadModels`), never
 * `synchronize`. Entities describe the runner's tables and the read-model template tables (see the first migration).
 */
export function createReadModelDataSource(connectionString: string, options: ReadModelDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: connectionString,
    poolSize: options.embedded ? 1 : (options.poolSize ?? 10),
    entities: [
      ProjectionEntity,
      ProjectionGenerationEntity,
      ProjectionLaRevisionEntity,
      CaseEventEntity,
      CaseClockEntity,
      CaseFactEntity,
    ],
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
  });
}

/** Session advisory lock held while migrating, so that instances starting together apply each migration once. */
const MIGRATION_LOCK_KEY = 7_264_012;

/**
 * Initialises the data source if needed and applies pending migrations, under an advisory lock taken on a connection
 * of its own (the data source's pool may hold a single connection, which the migrations need).
 */
export async function migrateReadModels(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const url = (dataSource.options as { url?: string }).url;
  if (url === undefined) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
