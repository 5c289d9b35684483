import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/services.js';
import { createReadModelDataSource, migrateReadModels } from './data-source.js';

describe('read-model migrations', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase('rm_migrate');
  });

  afterEach(async () => {
    await database.drop();
  });

  it('apply once when several instances start together, and again is a no-op', async () => {
    const sources = [1, 2, 3].map(() => createReadModelDataSource(database.url, { embedded: false, poolSize: 2 }));
    try {
      await Promise.all(sources.map((source) => migrateReadModels(source)));
      await migrateReadModels(sources[0]!);
      const applied = await sources[0]!.query<Array<{ name: string }>>('SELECT name FROM read_model_migrations');
      expect(applied.map((row) => row.name)).toEqual([
        'ProjectionInfrastructure1763800000000',
        'LaRevisions1764100000000',
      ]);
      const tables = await sources[0]!.query<Array<{ table_name: string }>>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'read_model_template' ORDER BY 1`,
      );
      expect(tables.map((row) => row.table_name)).toEqual(['case_clock', 'case_events', 'case_facts']);
    } finally {
      for (const source of sources) if (source.isInitialized) await source.destroy();
    }
  });
});
