import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { DEFAULT_CALENDAR_SETTINGS } from '#calendar';
import { caseClocksProjection } from '../read-models/case-clock/projection.js';
import { caseClocksBulk } from '../read-models/case-clock/rebuild.js';
import { appendEvents, createReadModelTestBed, type ReadModelTestBed } from '../testing/testbed.js';
import { syntheticCases } from '../testing/synthetic-cases.js';
import { copyText } from './bulk-writer.js';
import { Generations } from './generations.js';
import { ProjectionRunner } from './projection-runner.js';
import { qualifiedTable, type Projection } from './projection.js';

jest.setTimeout(120_000);

const LA = '902';
const OTHER_LA = '903';

async function dump(dataSource: DataSource, schema: string): Promise<unknown[]> {
  const read = (table: string, columns: string, order: string) =>
    dataSource.query<unknown[]>(`SELECT ${columns} FROM ${qualifiedTable(schema, table)} ORDER BY ${order}`);
  return [
    await read('case_clock', '*', 'la, case_id'),
    await read('case_facts', '*', 'la, case_id, seq'),
    await read('case_events', '*', 'la, case_id, position'),
  ];
}

async function laPositions(dataSource: DataSource, generation: number): Promise<unknown[]> {
  return dataSource.query(`SELECT la, position::text FROM projection_la_revisions WHERE generation = $1 ORDER BY la`, [
    generation,
  ]);
}

describe('a rebuild through the bulk path (load every event, then fold each case once)', () => {
  let bed: ReadModelTestBed;
  let stored = 0;

  beforeEach(async () => {
    bed = await createReadModelTestBed('rm_bulk');
    const cases = [...syntheticCases(LA, 30, { seed: 21 }), ...syntheticCases(OTHER_LA, 10, { seed: 22 })];
    await appendEvents(bed.store, cases.flat());
    stored = cases.flat().length;
  });

  afterEach(async () => {
    await bed.close();
  });

  it.each([
    ['copy', false, 2_000],
    ['insert', false, 7],
    ['copy', true, 7],
    ['insert', true, 2_000],
  ] as const)(
    'writing by %s, loading in the database %s, folding %d cases a page: the same rows as the live fold, no per-batch fold, tables logged and analysed before the swap',
    async (bulkWrite, storeInSameDatabase, casesPerPage) => {
      const projection = { ...caseClocksProjection(), bulk: caseClocksBulk(DEFAULT_CALENDAR_SETTINGS, casesPerPage) };
      await new ProjectionRunner(bed.dataSource, bed.store, projection, { batchSize: 37 }).catchUp();
      const generations = new Generations(bed.dataSource);
      const live = (await generations.active(projection.name))!;

      let handled = 0;
      let loadedHere = 0;
      const bulk = projection.bulk;
      const counting: Projection = {
        ...projection,
        handle: async (batch, tx) => {
          handled += batch.length;
          await projection.handle(batch, tx);
        },
        bulk: {
          ...bulk,
          load: async (batch, tx) => {
            loadedHere += batch.length;
            await bulk.load(batch, tx);
          },
        },
      };
      const runner = new ProjectionRunner(bed.dataSource, bed.store, counting, {
        rebuildBatchSize: 100,
        bulkWrite,
        storeInSameDatabase,
      });
      const rebuilt = await runner.rebuild();
      expect(rebuilt).toMatchObject({ generation: 2, swapped: true, events: stored });
      expect(handled).toBe(0);
      // Loaded table to table on the server, or page by page through the service.
      expect(loadedHere).toBe(storeInSameDatabase ? 0 : rebuilt.events);
      const fresh = (await generations.active(projection.name))!;
      expect(await dump(bed.dataSource, fresh.schema)).toEqual(await dump(bed.dataSource, live.schema));
      expect(await laPositions(bed.dataSource, 2)).toEqual(await laPositions(bed.dataSource, 1));

      const tables = await bed.dataSource.query<
        Array<{ relname: string; relpersistence: string; analysed: boolean; n_dead_tup: string }>
      >(
        `SELECT c.relname, c.relpersistence, s.last_analyze IS NOT NULL AS analysed, s.n_dead_tup::text AS n_dead_tup
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_stat_user_tables s ON s.relid = c.oid
         WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
        [fresh.schema],
      );
      expect(tables).toEqual(
        ['case_clock', 'case_events', 'case_facts'].map((relname) => ({
          relname,
          relpersistence: 'p',
          analysed: true,
          n_dead_tup: '0',
        })),
      );
    },
  );

  it('a rebuild interrupted while its tables were unlogged (a crash empties them) loads again from zero', async () => {
    const projection = caseClocksProjection();
    await new ProjectionRunner(bed.dataSource, bed.store, projection).catchUp();
    const generations = new Generations(bed.dataSource);
    const live = (await generations.active(projection.name))!;

    const bulk = projection.bulk!;
    let pages = 0;
    const crashing: Projection = {
      ...projection,
      bulk: {
        load: async (batch, tx) => {
          await bulk.load(batch, tx);
          pages += 1;
          if (pages === 3) throw new Error('killed during the load');
        },
        foldAll: (fold) => bulk.foldAll(fold),
      },
    };
    await expect(
      new ProjectionRunner(bed.dataSource, bed.store, crashing, { rebuildBatchSize: 50 }).rebuild(),
    ).rejects.toThrow('killed during the load');
    const interrupted = (await generations.list(projection.name)).find((g) => g.status === 'building')!;
    expect(interrupted.position).toBeGreaterThan(0n);
    // What crash recovery does to unlogged tables: they come back empty while the checkpoint keeps its place.
    for (const table of projection.tables) {
      await bed.dataSource.query(`TRUNCATE ${qualifiedTable(interrupted.schema, table)}`);
    }

    const resumed = await new ProjectionRunner(bed.dataSource, bed.store, projection, {
      rebuildBatchSize: 50,
      bulkWrite: 'copy',
    }).rebuild();
    expect(resumed).toMatchObject({ generation: interrupted.generation, swapped: true });
    const fresh = (await generations.active(projection.name))!;
    expect(await dump(bed.dataSource, fresh.schema)).toEqual(await dump(bed.dataSource, live.schema));
  });
});

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, writes NULL as \\N and objects as JSON', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText({ note: 'x\\y' })).toBe('{"note":"x\\\\\\\\y"}');
    expect(copyText(12n)).toBe('12');
  });
});
