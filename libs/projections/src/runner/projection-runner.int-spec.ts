import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { CaseClockQueries } from '../read-models/case-clock/queries.js';
import { caseClocksProjection } from '../read-models/case-clock/projection.js';
import { CaseFixture, appendEvents, createReadModelTestBed, type ReadModelTestBed } from '../testing/testbed.js';
import { syntheticCases } from '../testing/synthetic-cases.js';
import { Generations } from './generations.js';
import { CheckpointConflictError, ProjectionRunner } from './projection-runner.js';
import { qualifiedTable, type Projection } from './projection.js';

// Appending through the real store commits once per fact: generous bounds for a loaded machine.
jest.setTimeout(120_000);

const LA = '901';

/** Everything a generation holds, in a stable order, for comparing two generations. */
async function dump(dataSource: DataSource, schema: string): Promise<unknown[]> {
  const clocks = await dataSource.query<unknown[]>(
    `SELECT la, case_id, stage, next_deadline::text, next_deadline_step, clock FROM ${qualifiedTable(schema, 'case_clock')}
     ORDER BY la, case_id`,
  );
  const facts = await dataSource.query<unknown[]>(
    `SELECT la, case_id, seq, kind, span_from::text, span_until::text, fact FROM ${qualifiedTable(schema, 'case_facts')}
     ORDER BY la, case_id, seq`,
  );
  const histories = await dataSource.query<unknown[]>(
    `SELECT la, case_id, position::text, recorded_at, event FROM ${qualifiedTable(schema, 'case_events')}
     ORDER BY la, case_id, position`,
  );
  return [clocks, facts, histories];
}

/** A gate a test opens when it chooses. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('ProjectionRunner over the real event store', () => {
  let bed: ReadModelTestBed;

  beforeEach(async () => {
    bed = await createReadModelTestBed('rm_runner');
  });

  afterEach(async () => {
    await bed.close();
  });

  it('a batch aborted mid-way (rows written, then a failure) resumes to figures identical to a clean rebuild', async () => {
    const cases = syntheticCases(LA, 60, { seed: 7 });
    await appendEvents(bed.store, cases.flat());
    const real = caseClocksProjection();
    let batches = 0;
    const crashing: Projection = {
      ...real,
      handle: async (batch, tx) => {
        await real.handle(batch, tx);
        batches += 1;
        if (batches === 3) throw new Error('killed after writing the third batch');
      },
    };
    const generations = new Generations(bed.dataSource);
    await expect(
      new ProjectionRunner(bed.dataSource, bed.store, crashing, { batchSize: 50 }).catchUp(),
    ).rejects.toThrow('killed after writing the third batch');
    const afterCrash = (await generations.active(real.name))!;
    // The two committed batches count; the third rolled back with its rows.
    expect(afterCrash.position).toBeGreaterThan(0n);
    const twoBatches = (await bed.store.readAll(0n, 100)).checkpoint;
    expect(afterCrash.position).toBe(twoBatches);

    const resumed = new ProjectionRunner(bed.dataSource, bed.store, real, { batchSize: 50 });
    await resumed.catchUp();
    const live = (await generations.active(real.name))!;
    expect(live.position).toBe(await bed.store.headPosition());

    const rebuilt = await resumed.rebuild();
    expect(rebuilt).toMatchObject({ generation: 2, swapped: true });
    expect(rebuilt.events).toBe(cases.flat().length);
    const fresh = (await generations.active(real.name))!;
    expect(fresh.generation).toBe(2);
    expect(await dump(bed.dataSource, fresh.schema)).toEqual(await dump(bed.dataSource, live.schema));
  });

  it('replaying a committed batch changes nothing (idempotent fold)', async () => {
    await appendEvents(bed.store, syntheticCases(LA, 20, { seed: 3 }).flat());
    const projection = caseClocksProjection();
    const runner = new ProjectionRunner(bed.dataSource, bed.store, projection, { batchSize: 1000 });
    await runner.catchUp();
    const generation = await runner.activeGeneration();
    const before = await dump(bed.dataSource, generation.schema);
    // Replay everything into the same tables, as after a crash between commit and acknowledgement.
    await bed.dataSource.query(`UPDATE projection_generations SET position = 0 WHERE name = $1`, [projection.name]);
    await runner.catchUp();
    expect(await dump(bed.dataSource, generation.schema)).toEqual(before);
  });

  it('the checkpoint only moves if it still matches: a second runner on the same batch rolls back', async () => {
    await appendEvents(bed.store, syntheticCases(LA, 5, { seed: 5 }).flat());
    const real = caseClocksProjection();
    const hold = gate();
    const entered = gate();
    const slow: Projection = {
      ...real,
      handle: async (batch, tx) => {
        entered.open();
        await hold.wait;
        await real.handle(batch, tx);
      },
    };
    const slowRunner = new ProjectionRunner(bed.dataSource, bed.store, slow);
    const fastRunner = new ProjectionRunner(bed.dataSource, bed.store, real);
    await fastRunner.activeGeneration();
    const slowBatch = slowRunner.runBatch();
    await entered.wait;
    await fastRunner.runBatch();
    hold.open();
    await expect(slowBatch).rejects.toBeInstanceOf(CheckpointConflictError);
    expect((await fastRunner.activeGeneration()).position).toBe(await bed.store.headPosition());
  });

  it('reports lag: positions and seconds behind the head, zero once caught up', async () => {
    await appendEvents(bed.store, syntheticCases(LA, 5, { seed: 9 }).flat());
    const runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection());
    const behind = await runner.lag();
    expect(BigInt(behind.positionsBehind)).toBe(await bed.store.headPosition());
    expect(behind.secondsBehind).toBeGreaterThanOrEqual(0);
    await runner.catchUp();
    expect(await runner.lag()).toMatchObject({ positionsBehind: '0', secondsBehind: 0 });
  });

  it('rebuild-and-swap: while a rebuild with a changed setting runs, queries serve the old figures; then the new', async () => {
    // A final plan exactly 140 days after the request: within 20 weeks counting from day 0, late from day 1.
    const edge = new CaseFixture(LA, 'EDGE');
    edge.fact('AssessmentRequested', '2024-01-01', { requestSource: 'school' });
    edge.fact('AssessmentDecisionMade', '2024-02-01', { decision: 'assess' });
    edge.fact('FinalPlanIssued', '2024-05-20', {});
    await appendEvents(bed.store, [...edge.events, ...syntheticCases(LA, 40, { seed: 11 }).flat()]);
    const day0 = caseClocksProjection({ countFrom: 'day0', reviewDue: 'strict', nextReviewFrom: 'meeting' });
    await new ProjectionRunner(bed.dataSource, bed.store, day0, { batchSize: 100 }).catchUp();

    const queries = new CaseClockQueries(bed.dataSource);
    const edgePlan = async () => {
      const rows = await queries.facts(LA, '2024-05-20', '2024-05-20', ['new-plan']);
      const fact = rows.find((row) => row.caseId === 'EDGE')!.fact;
      return fact.kind === 'new-plan' ? fact.issuedOn <= fact.dueDate! : undefined;
    };
    const figuresOf = async () => JSON.stringify(await queries.facts(LA, '2019-01-01', '2030-12-31'));
    expect(await edgePlan()).toBe(true);
    const servedBefore = await figuresOf();

    const day1Real = caseClocksProjection({ countFrom: 'day1', reviewDue: 'strict', nextReviewFrom: 'meeting' });
    const hold = gate();
    const halfway = gate();
    let batches = 0;
    const pause = async () => {
      batches += 1;
      if (batches === 2) {
        halfway.open();
        await hold.wait;
      }
    };
    // The rebuild loads pages through the bulk path, then folds stragglers through handle: both pause.
    const bulk = day1Real.bulk!;
    const day1: Projection = {
      ...day1Real,
      handle: async (batch, tx) => {
        await day1Real.handle(batch, tx);
        await pause();
      },
      bulk: {
        load: async (batch, tx) => {
          await bulk.load(batch, tx);
          await pause();
        },
        foldAll: (fold) => bulk.foldAll(fold),
      },
    };
    const rebuilder = new ProjectionRunner(bed.dataSource, bed.store, day1, { batchSize: 100, rebuildBatchSize: 100 });
    const rebuilding = rebuilder.rebuild();
    await halfway.wait;
    // Mid-rebuild, in another transaction: the live generation is still served, unchanged.
    expect(await figuresOf()).toBe(servedBefore);
    expect(await edgePlan()).toBe(true);
    expect((await rebuilder.lag()).rebuilding).toMatchObject({ generation: 2 });
    hold.open();
    await expect(rebuilding).resolves.toMatchObject({ generation: 2, swapped: true });

    expect(await edgePlan()).toBe(false);
    const active = (await new Generations(bed.dataSource).active(day1.name))!;
    expect(active).toMatchObject({ generation: 2, version: day1.version });
  });

  it('a runner started with a changed setting rebuilds and swaps by itself, leaving the served generation untouched', async () => {
    const edge = new CaseFixture(LA, 'EDGE');
    edge.fact('AssessmentRequested', '2024-01-01', { requestSource: 'school' });
    edge.fact('AssessmentDecisionMade', '2024-02-01', { decision: 'assess' });
    edge.fact('FinalPlanIssued', '2024-05-20', {});
    await appendEvents(bed.store, edge.events);
    const day0 = caseClocksProjection();
    await new ProjectionRunner(bed.dataSource, bed.store, day0).catchUp();
    const generations = new Generations(bed.dataSource);
    const old = (await generations.active(day0.name))!;

    const day1 = caseClocksProjection({ countFrom: 'day1', reviewDue: 'strict', nextReviewFrom: 'meeting' });
    const runner = new ProjectionRunner(bed.dataSource, bed.store, day1, { idleWaitMs: 50 });
    runner.start();
    try {
      const deadline = Date.now() + 60_000;
      while ((await generations.active(day0.name))!.version !== day1.version && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const facts = await new CaseClockQueries(bed.dataSource).facts(LA, '2024-05-20', '2024-05-20', ['new-plan']);
      expect(facts[0]!.fact).toMatchObject({ issuedOn: '2024-05-20', dueDate: '2024-05-19' });
      // Facts appended after the swap are folded into the new generation.
      const late = new CaseFixture(LA, 'LATER');
      late.fact('AssessmentRequested', '2024-06-03', { requestSource: 'health' });
      await appendEvents(bed.store, late.events);
      while ((await runner.lag()).positionsBehind !== '0' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await new CaseClockQueries(bed.dataSource).clock(LA, 'LATER')).toBeDefined();
    } finally {
      await runner.stop();
    }
    // The old generation was retired as it was: not folded with the new settings.
    const retired = (await generations.get(day0.name, old.generation))!;
    expect(retired).toMatchObject({ status: 'retired', position: old.position });
  });
});
