import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import {
  KurrentDbEventStore,
  PostgresEventStore,
  migrateEventStore,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EventStore,
} from '#event-store';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { EVENT_STORE, PG_POOL } from './tokens.js';

/** The PostgreSQL the service uses: the configured server, or embedded PGlite in DATA_DIR. */
export interface Database {
  readonly connectionString: string;
  readonly embedded: boolean;
  /** A consistent gzipped tar of the embedded data folder (PGlite's own dump); undefined on a PostgreSQL server. */
  readonly dump?: () => Promise<Blob>;
  close(): Promise<void>;
}
export const DATABASE = Symbol('DATABASE');

const logger = new Logger('Storage');

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [SERVICE_CONFIG],
      useFactory: async (config: ServiceConfig): Promise<Database> => {
        if (config.databaseUrl !== undefined) {
          return { connectionString: config.databaseUrl, embedded: false, close: async () => {} };
        }
        const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: config.dataDir });
        logger.log(`embedded PostgreSQL (PGlite) in ${config.dataDir}`);
        return {
          connectionString: embedded.connectionString,
          embedded: true,
          dump: () => embedded.db.dumpDataDir('gzip'),
          close: () => embedded.close(),
        };
      },
    },
    {
      provide: PG_POOL,
      inject: [DATABASE],
      useFactory: async (database: Database): Promise<pg.Pool> => {
        // Embedded PGlite serves one session: one connection serialises the work.
        const pool = new pg.Pool({ connectionString: database.connectionString, max: database.embedded ? 1 : 10 });
        pool.on('error', (error) => logger.error(`idle PostgreSQL client failed: ${error.message}`));
        await migrateEventStore(pool);
        return pool;
      },
    },
    {
      provide: EVENT_STORE,
      inject: [SERVICE_CONFIG, DATABASE, PG_POOL],
      useFactory: (config: ServiceConfig, database: Database, pool: pg.Pool): EventStore => {
        if (config.eventStore === 'kurrentdb') {
          logger.log('event store: KurrentDB');
          return KurrentDbEventStore.fromConnectionString(config.kurrentDbConnectionString!);
        }
        return new PostgresEventStore(pool, { notifications: !database.embedded });
      },
    },
  ],
  exports: [DATABASE, PG_POOL, EVENT_STORE],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.pool.end().catch(() => undefined);
    await this.database.close();
  }
}
