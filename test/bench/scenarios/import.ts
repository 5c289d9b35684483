import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { writeNdjsonFile } from '#synthetic';
import { migrateEventStore } from '#event-store';
import pg from 'pg';
import { importFile } from '../../../apps/cli/src/import-file.js';
import { COPY_COLUMNS, ndjsonToCopyCsv } from '../copy-file.js';
import { TenthsSampler } from '../import-tenths.js';
import { DbWaitSampler } from '../db-waits.js';
import { RssSampler } from '../memory.js';
import { connectionStringFor, createDatabase, dropDatabase, withClient } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { atLeast, fmt, type ScenarioResult } from '../report.js';
import { ReadyProbe, readyRow } from '../ready-probe.js';
import { ServiceProcess, serviceTokens } from '../service.js';
import { median, round } from '../stats.js';

/** The one-LA file and the database the import left behind, for the rebuild and KPI scenarios. */
export interface ImportedLa {
  readonly la: string;
  readonly file: string;
  readonly events: number;
  readonly database: string;
  readonly storedEvents: number;
}

/** Creates the event store's tables, as the service does at start-up. */
export async function migrate(database: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: connectionStringFor(database), max: 1 });
  try {
    await migrateEventStore(pool);
  } finally {
    await pool.end();
  }
}

/** A server-side COPY of the CSV into a fresh table shaped like event_store.events (its keys and defaults too). */
export async function copyInto(
  database: string,
  csv: string,
  table: string,
  columns: string = COPY_COLUMNS,
): Promise<{ rows: number; seconds: number }> {
  return withClient(database, async (client) => {
    if (table !== 'event_store.events') {
      await client.query(`drop table if exists ${table}`);
      await client.query(`create table ${table} (like event_store.events including all)`);
    }
    const started = performance.now();
    const result = await client.query(`copy ${table} (${columns}) from '${csv}' with (format csv)`);
    const seconds = (performance.now() - started) / 1000;
    return { rows: result.rowCount ?? 0, seconds };
  });
}

/** Events stored (positions follow transaction ids, so the head position is not a count). */
export async function storedEvents(database: string): Promise<number> {
  return withClient(database, async (client) => {
    const result = await client.query<{ n: string }>('select count(*)::text as n from event_store.events');
    return Number(result.rows[0]?.n ?? 0);
  });
}

/**
 * Scenario 2: bulk import of one synthetic LA over N years through the CLI's import path (NDJSON file -> HTTP
 * batches of 1,000 -> the service), beside a PostgreSQL COPY of the same rows into a table of the same shape.
 */
export async function importScenario(
  profile: BenchProfile,
): Promise<{ result: ScenarioResult; imported: ImportedLa | undefined }> {
  const started = performance.now();
  const sampler = new RssSampler();
  const la = '202';
  const file = join(profile.workDir, `la-${la}-${profile.la.years}y.ndjson`);
  const generated = await writeNdjsonFile(file, {
    las: [la],
    seed: profile.seed,
    years: profile.la.years,
    ...(profile.la.plans === undefined ? {} : { plans: profile.la.plans }),
  });
  const csv = join(profile.workDir, `la-${la}.csv`);
  const copyRows = await ndjsonToCopyCsv(file, csv);

  const runs: Array<Record<string, unknown>> = [];
  const servicePeaks: number[] = [];
  const probes: Array<Awaited<ReturnType<ReadyProbe['stop']>>> = [];
  let kept: string | undefined;
  for (let run = 0; run < profile.import.runs; run++) {
    const database = await createDatabase('import');
    const service = await ServiceProcess.start({ databaseUrl: connectionStringFor(database), roles: 'api,ingest' });
    const waits = new DbWaitSampler(database);
    const tenths = new TenthsSampler(join(profile.workDir, `import-${run}.progress`));
    const probe = new ReadyProbe(service.probeUrl);
    try {
      const summary = await importFile({
        file,
        url: service.url,
        batchSize: profile.import.batchSize,
        concurrency: profile.import.concurrency,
        progressFile: join(profile.workDir, `import-${run}.progress`),
        quiet: true,
        token: serviceTokens.get(service.url)!,
      });
      const { firstTenth, lastTenth } = tenths.stop(summary.lines);
      runs.push({
        ...summary,
        eventsPerSecond: round(summary.lines / summary.seconds),
        firstTenthPerSecond: round(firstTenth),
        lastTenthPerSecond: round(lastTenth),
        sessions: await waits.stop(),
      });
    } finally {
      tenths.stop(0);
      probes.push(await probe.stop());
      await waits.stop();
      servicePeaks.push((await service.stop()) ?? Number.NaN);
      rmSync(join(profile.workDir, `import-${run}.progress`), { force: true });
    }
    if (kept !== undefined) await dropDatabase(kept);
    kept = database;
  }
  const importRate = median(runs.map((r) => r.eventsPerSecond as number));
  const firstTenth = median(runs.map((r) => r.firstTenthPerSecond as number));
  const lastTenth = median(runs.map((r) => r.lastTenthPerSecond as number));

  const copies: Array<{ rows: number; seconds: number; rowsPerSecond: number }> = [];
  for (let run = 0; run < profile.runs; run++) {
    const copy = await copyInto(kept!, csv, 'public.bench_copy_limit');
    copies.push({ ...copy, seconds: round(copy.seconds, 3), rowsPerSecond: round(copy.rows / copy.seconds) });
  }
  await withClient(kept!, (client) => client.query('drop table if exists public.bench_copy_limit'));
  const copyRate = median(copies.map((c) => c.rowsPerSecond));
  const harnessPeak = sampler.stop();
  const stored = await storedEvents(kept!);
  const ratio = importRate / copyRate;
  const ready = readyRow('import', probes.at(-1)!);

  const result: ScenarioResult = {
    scenario: 'import',
    title: `2. Bulk import, one LA over ${profile.la.years} years (${fmt(generated.events)} facts)`,
    rows: [
      ['CLI import (HTTP, batch 1,000)', `${fmt(importRate)} ev/s (${fmt(stored)} stored)`],
      ['COPY limit (same rows)', `${fmt(copyRate)} rows/s (${fmt(copyRows)} rows)`],
      ['import / COPY', `${fmt(ratio * 100, 1)}%`],
      ['import, first / last tenth of the file', `${fmt(firstTenth)} / ${fmt(lastTenth)} ev/s`],
      ['service peak RSS', `${fmt(median(servicePeaks))} MiB`],
      ['harness peak RSS (CLI import in-process)', `${fmt(harnessPeak)} MiB`],
      ready.row,
    ],
    targets: [
      atLeast('import vs COPY', ratio * 100, 40, '%'),
      atLeast('import last tenth vs first tenth', (lastTenth / firstTenth) * 100, 80, '%'),
      ready.target,
    ],
    details: {
      generated: { ...generated, eventsByLa: undefined },
      import: { eventsPerSecond: importRate, runs, concurrency: profile.import.concurrency },
      copy: { rowsPerSecond: copyRate, runs: copies, method: 'COPY FROM a server-side CSV file' },
      ratio: round(ratio, 4),
      servicePeakRssMiB: servicePeaks,
      harnessPeakRssMiB: harnessPeak,
      storedEvents: stored,
      ready: probes,
    },
    notes: [
      `database sessions on average during the import: ${Object.entries(
        (runs.at(-1)?.sessions ?? {}) as Record<string, number>,
      )
        .slice(0, 3)
        .map(([w, n]) => `${n} ${w}`)
        .join(', ')}`,
      'COPY reads a server-side CSV file (pg-copy-streams is not installed): same rows, same table shape and keys',
      `import counts every fact answered (accepted, duplicate or rejected); projector off; concurrency ${profile.import.concurrency}`,
    ],
    seconds: (performance.now() - started) / 1000,
  };
  return {
    result,
    imported:
      kept === undefined ? undefined : { la, file, events: generated.events, database: kept, storedEvents: stored },
  };
}
