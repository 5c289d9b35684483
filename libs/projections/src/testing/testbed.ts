import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ExpectedVersion, migrateEventStore, PostgresEventStore } from '#event-store';
import { streamNameFor, toStoredShape, type EventDataByType, type PathwayEvent, type PathwayEventType } from '#pathway';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/services.js';
import { createReadModelDataSource, migrateReadModels } from '../data-source.js';

/** A fresh database with the event store and the read-model migrations applied. */
export interface ReadModelTestBed {
  readonly database: TestDatabase;
  readonly pool: pg.Pool;
  readonly store: PostgresEventStore;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export async function createReadModelTestBed(
  prefix: string,
  options: { readonly synchronousCommit?: boolean } = {},
): Promise<ReadModelTestBed> {
  const database = await createTestDatabase(prefix);
  if (options.synchronousCommit === false) {
    // Loading benchmark data: commits without waiting for the WAL flush (set before any connection opens).
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${database.name}" SET synchronous_commit = off`);
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  await migrateEventStore(pool);
  const store = new PostgresEventStore(pool, { notifications: false, pollIntervalMs: 20 });
  const dataSource = createReadModelDataSource(database.url, { embedded: false, poolSize: 4 });
  await migrateReadModels(dataSource);
  return {
    database,
    pool,
    store,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await pool.end();
      await database.drop();
    },
  };
}

/** Builds one case's facts as the source would send them. */
export class CaseFixture {
  readonly events: PathwayEvent[] = [];

  constructor(
    readonly la: string,
    readonly caseId: string,
  ) {}

  fact<T extends PathwayEventType>(type: T, occurredOn: string, data: EventDataByType[T]): PathwayEvent {
    const event = {
      eventId: randomUUID(),
      caseId: this.caseId,
      la: this.la,
      type,
      occurredOn,
      source: 'fixture',
      data,
    } as PathwayEvent;
    this.events.push(event);
    return event;
  }
}

/** Appends events through the real event store, each to its case's stream. */
export async function appendEvents(store: PostgresEventStore, events: readonly PathwayEvent[]): Promise<void> {
  for (const event of events) {
    await store.appendToStream(streamNameFor(event.la, event.caseId), [toStoredShape(event)], ExpectedVersion.any);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
