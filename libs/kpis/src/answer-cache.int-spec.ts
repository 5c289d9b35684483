import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  BUMP_LA_REVISION_SQL,
  CaseClockQueries,
  caseClocksProjection,
  Generations,
  ProjectionRunner,
  qualifiedTable,
} from '#projections';
import { syntheticCases } from '../../projections/src/testing/synthetic-cases.js';
import { appendEvents, createReadModelTestBed, type ReadModelTestBed } from '../../projections/src/testing/testbed.js';
import { BREAKDOWNS } from './breakdowns.js';
import { KPI_NAMES, KpiService, type KpiName, type KpiQuery } from './kpi-service.js';
import { GROUP_BY } from './periods.js';

jest.setTimeout(120_000);

const LA = '905';
const PERIOD = { from: '2019-06-01', to: '2024-05-31' };

/** Every KPI, grouping and breakdown over the period, with and without the cases behind the figures. */
const QUERIES: Array<[KpiName, KpiQuery]> = KPI_NAMES.flatMap((name) =>
  GROUP_BY.flatMap((groupBy) =>
    [null, ...BREAKDOWNS].flatMap((breakdown) =>
      [false, true].map((includeCases): [KpiName, KpiQuery] => [name, { ...PERIOD, groupBy, breakdown, includeCases }]),
    ),
  ),
);

describe('cached KPI answers are byte for byte the answers computed afresh', () => {
  let bed: ReadModelTestBed;
  let runner: ProjectionRunner;
  let today = '2024-03-15';
  let cached: KpiService;
  let fresh: KpiService;

  const same = async (name: KpiName, query: KpiQuery) => {
    const [a, b] = await Promise.all([cached.kpi(name, LA, query), fresh.kpi(name, LA, query)]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    return JSON.stringify(a);
  };

  beforeAll(async () => {
    bed = await createReadModelTestBed('rm_answers');
    await appendEvents(bed.store, syntheticCases(LA, 40, { seed: 31 }).flat());
    runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection(), { batchSize: 50 });
    await runner.catchUp();
    const queries = new CaseClockQueries(bed.dataSource);
    cached = new KpiService(queries, { today: () => today, answerCacheSize: 1_000 });
    fresh = new KpiService(queries, { today: () => today, answerCacheSize: 0 });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('for every KPI, grouping and breakdown, with the cache filled by all of them first', async () => {
    for (const [name, query] of QUERIES) await cached.kpi(name, LA, query);
    for (const [name, query] of QUERIES) await same(name, query);
  });

  it('after newly projected facts, an erasure, another day and a rebuild, never the answer from before', async () => {
    const query: KpiQuery = { ...PERIOD, groupBy: 'year' };
    const before = await same('six-week-decisions', query);

    await appendEvents(bed.store, syntheticCases(LA, 10, { seed: 32, casePrefix: 'N' }).flat());
    await runner.catchUp();
    const afterFacts = await same('six-week-decisions', query);
    expect(afterFacts).not.toBe(before);

    // An erasure deletes a case's rows beside the runner, then counts the LA's revision up.
    const active = (await new Generations(bed.dataSource).active(runner.projection.name))!;
    for (const table of ['case_facts', 'case_clock']) {
      await bed.dataSource.query(`DELETE FROM ${qualifiedTable(active.schema, table)} WHERE la = $1 AND case_id = $2`, [
        LA,
        'N0',
      ]);
    }
    await bed.dataSource.query(BUMP_LA_REVISION_SQL, [LA]);
    expect(await same('six-week-decisions', query)).not.toBe(afterFacts);

    const caseload = await same('caseload', query);
    today = '2024-05-20';
    expect(await same('caseload', query)).not.toBe(caseload);

    const served = await same('twenty-week-timeliness', query);
    await runner.rebuild();
    // The rebuild folds the erased case's events again (this test erased rows only): a new generation, new answers.
    expect(await same('twenty-week-timeliness', query)).not.toBe(served);
  });
});
