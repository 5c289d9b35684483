/**
 * A child process of the benchmark, so that its peak memory is its own:
 *   node rebuild-worker.js rebuild <connectionString> <maxSeconds>   replay the case clocks into a new generation
 *   node rebuild-worker.js read <connectionString> <maxSeconds>      bare sequential read of the events + JSON.parse
 * maxSeconds 0 means no limit (a rebuild then swaps the new generation in, as the service's rebuild does).
 * Prints one JSON line: { events, seconds, eventsPerSecond, complete, peakRssMiB }.
 */
import 'reflect-metadata';
import pg from 'pg';
import { PostgresEventStore } from '#event-store';
import {
  Generations,
  ProjectionRunner,
  caseClocksProjection,
  createReadModelDataSource,
  migrateReadModels,
} from '#projections';

/** Events per transaction in a rebuild: the runner's default rebuild batch. */
const REBUILD_BATCH = 5000;

interface WorkerResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly complete: boolean;
  readonly peakRssMiB: number;
}

function progress(events: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`  ${events} events in ${seconds.toFixed(0)} s (${Math.round(events / seconds)} ev/s)\n`);
}

async function rebuild(connectionString: string, maxSeconds: number): Promise<Omit<WorkerResult, 'peakRssMiB'>> {
  const store = await PostgresEventStore.fromConnectionString(connectionString, { notifications: false });
  const dataSource = createReadModelDataSource(connectionString, { embedded: false });
  await migrateReadModels(dataSource);
  const projection = caseClocksProjection();
  // The rebuild's phase times (load, fold, catch-up, swap) go to stderr beside the progress lines.
  const logger = {
    log: (m: string) => process.stderr.write(`  ${m}\n`),
    error: (m: string) => process.stderr.write(`  ${m}\n`),
  };
  const runner = new ProjectionRunner(dataSource, store, projection, {
    bulkWrite: 'copy',
    // The store is on the same database, as in the service.
    storeInSameDatabase: true,
    logger,
  });
  try {
    await runner.activeGeneration();
    const started = performance.now();
    if (maxSeconds === 0) {
      const result = await runner.rebuild();
      const seconds = (performance.now() - started) / 1000;
      return { events: result.events, seconds, eventsPerSecond: result.events / seconds, complete: true };
    }
    const generations = new Generations(dataSource);
    const building = await generations.building(projection);
    const deadline = started + maxSeconds * 1000;
    let events = 0;
    let complete = false;
    let lastReport = started;
    while (performance.now() < deadline) {
      const target = await generations.get(building.name, building.generation);
      if (target === undefined) throw new Error('the generation being built disappeared');
      const read = await runner.runBatch(target, REBUILD_BATCH);
      if (read === 0) {
        complete = true;
        break;
      }
      events += read;
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        progress(events, started);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds, eventsPerSecond: events / seconds, complete };
  } finally {
    await runner.stop();
    await dataSource.destroy();
    await store.close();
  }
}

async function readAndParse(connectionString: string, maxSeconds: number): Promise<Omit<WorkerResult, 'peakRssMiB'>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const started = performance.now();
    const deadline = maxSeconds === 0 ? Number.POSITIVE_INFINITY : started + maxSeconds * 1000;
    let position = '0';
    let events = 0;
    let complete = false;
    let lastReport = started;
    let checksum = 0;
    while (performance.now() < deadline) {
      const result = await client.query<{ p: string; s: string; d: string; m: string }>(
        `select global_position::text as p, stream_name as s, data::text as d, metadata::text as m
           from event_store.events where global_position > $1 order by global_position limit 5000`,
        [position],
      );
      if (result.rows.length === 0) {
        complete = true;
        break;
      }
      for (const row of result.rows) {
        const data = JSON.parse(row.d) as Record<string, unknown>;
        const metadata = JSON.parse(row.m) as Record<string, unknown>;
        checksum += Object.keys(data).length + Object.keys(metadata).length + row.s.length;
      }
      events += result.rows.length;
      position = result.rows.at(-1)!.p;
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        progress(events, started);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    if (checksum < 0) throw new Error('unreachable');
    return { events, seconds, eventsPerSecond: events / seconds, complete };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const [mode, connectionString, maxSecondsRaw] = process.argv.slice(2);
  if ((mode !== 'rebuild' && mode !== 'read') || connectionString === undefined) {
    throw new Error('usage: rebuild-worker.js rebuild|read <connectionString> [maxSeconds]');
  }
  const maxSeconds = Number(maxSecondsRaw ?? '0');
  const result =
    mode === 'rebuild' ? await rebuild(connectionString, maxSeconds) : await readAndParse(connectionString, maxSeconds);
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ...result, peakRssMiB } satisfies WorkerResult)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
