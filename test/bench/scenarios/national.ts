import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import { generateLa } from '#synthetic';
import { COPY_COLUMNS_WITH_POSITION, ChunkedWriter, CopyRows } from '../copy-file.js';
import { shapedLas } from '../../../apps/cli/src/published-shape.js';
import { DbWaitSampler } from '../db-waits.js';
import { RssSampler, peakRssMiBOf } from '../memory.js';
import { connectionStringFor, createDatabase, dropDatabase, withClient } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { atLeast, below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { ServiceProcess, serviceTokens } from '../service.js';
import { round } from '../stats.js';
import { runWorker } from '../worker.js';
import { copyInto, migrate, storedEvents } from './import.js';

const CLI = resolve('dist/apps/cli/src/main.js');

interface Generated {
  readonly las: number;
  readonly events: number;
  readonly rows: number;
  readonly ndjsonLas: number;
  readonly ndjsonEvents: number;
  readonly seconds: number;
}

/**
 * Generates the national set in one streaming pass: every LA as COPY rows (for the store), and the first LAs as
 * NDJSON for the timed HTTP import (it cannot reach further in its time). Memory holds one LA's keys at a time.
 */
async function generateNational(
  profile: BenchProfile,
  csvPath: string,
  ndjsonPath: string,
  ndjsonLas: number,
): Promise<Generated> {
  const started = performance.now();
  const { las, years } = profile.national;
  const csv = new ChunkedWriter(csvPath);
  const ndjson = new ChunkedWriter(ndjsonPath);
  // Positions given: one COPY of every event is more than one transaction numbers itself.
  const rows = new CopyRows({ positions: true });
  let events = 0;
  let ndjsonEvents = 0;
  // Every LA shaped like itself (its published volumes, rates, caseload and placement mix); a profile of fewer LAs
  // (the quick run) takes the smallest.
  const { shapes } = shapedLas(2024);
  const codes = [...shapes.keys()]
    .sort((a, b) => (shapes.get(a)?.plans ?? 0) - (shapes.get(b)?.plans ?? 0))
    .slice(0, las)
    .sort();
  for (const [index, la] of codes.entries()) {
    const shaped = shapes.get(la)!;
    const options = { la, seed: profile.seed + index, years, plans: shaped.plans, shape: shaped.shape };
    for (const event of generateLa(options)) {
      events += 1;
      const row = rows.rowFor(event);
      if (row !== undefined) await csv.line(row);
      if (index < ndjsonLas) {
        await ndjson.line(JSON.stringify(event));
        ndjsonEvents += 1;
      }
    }
    if ((index + 1) % 10 === 0) {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  generated ${index + 1}/${las} LAs, ${events} facts in ${seconds.toFixed(0)} s\n`);
    }
  }
  await csv.close();
  await ndjson.close();
  return { las, events, rows: rows.rows, ndjsonLas, ndjsonEvents, seconds: (performance.now() - started) / 1000 };
}

/** The CLI's import command as a child process for a fixed time, stopped there (imports resume, so that is safe). */
async function timedCliImport(
  file: string,
  serviceUrl: string,
  database: string,
  seconds: number,
): Promise<Record<string, number | boolean>> {
  const child = spawn(
    process.execPath,
    [CLI, 'import', '--file', file, '--url', serviceUrl, '--batch', '1000', '--concurrency', '4'],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
      // The service's token: a case-system token for every LA the bench uses.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, EHCP_TOKEN: serviceTokens.get(serviceUrl) },
    },
  );
  const exited = once(child, 'exit');
  const started = performance.now();
  let finished = false;
  void exited.then(() => (finished = true));
  // The steady rate leaves out the first 20% of the time (start-up and the line count of the file).
  const warm = Math.min(30, seconds * 0.2);
  await Promise.race([new Promise((r) => setTimeout(r, warm * 1000)), exited]);
  const t1 = performance.now();
  const n1 = await storedEvents(database);
  // The high-water mark is readable only while the process lives: keep the last reading.
  let cliPeak = Number.NaN;
  while (!finished && performance.now() - started < seconds * 1000) {
    cliPeak = peakRssMiBOf(child.pid ?? -1) ?? cliPeak;
    await new Promise((r) => setTimeout(r, 500));
  }
  const t2 = performance.now();
  const n2 = await storedEvents(database);
  if (!finished) {
    child.kill('SIGTERM');
    await exited;
  }
  return {
    storedEvents: n2,
    seconds: round((t2 - started) / 1000, 1),
    steadyEventsPerSecond: round((n2 - n1) / ((t2 - t1) / 1000)),
    overallEventsPerSecond: round(n2 / ((t2 - started) / 1000)),
    completed: finished,
    cliPeakRssMiB: cliPeak,
  };
}

/**
 * Scenario 6 (--national): 153 LAs, at least 20 million events. COPY of every event into the store (the limit),
 * a bare read + parse of them (stopped at its time budget: the limit is a rate), the case clocks rebuilt from every
 * event into a new generation and swapped in, as the service rebuilds (each in a child process that reports its peak
 * memory), and the CLI import through HTTP into a fresh database for a fixed time.
 */
export async function nationalScenario(profile: BenchProfile, keep: boolean): Promise<ScenarioResult> {
  const started = performance.now();
  const sampler = new RssSampler();
  const n = profile.national;
  const csv = join(profile.workDir, 'national.csv');
  const ndjson = join(profile.workDir, 'national-head.ndjson');
  const perLa = n.plans * 45;
  const ndjsonLas = Math.min(n.las, Math.ceil((n.importSeconds * 4_000) / perLa) + 1);
  const details: Record<string, unknown> = { profile: n };
  const targets: TargetCheck[] = [];
  const rows: Array<[string, string]> = [];
  const notes: string[] = [];

  process.stderr.write(`national: generating ${n.las} LAs (${n.years} years), each shaped like itself\n`);
  const generated = await generateNational(profile, csv, ndjson, ndjsonLas);
  details.generated = { ...generated, seconds: round(generated.seconds, 1) };
  rows.push(['generated', `${fmt(generated.events)} facts, ${n.las} LAs in ${fmt(generated.seconds)} s`]);
  if (generated.events < n.minEvents) notes.push(`only ${fmt(generated.events)} facts, fewer than ${fmt(n.minEvents)}`);

  const storeDb = await createDatabase('national');
  const importDb = await createDatabase('national_import');
  try {
    await migrate(storeDb);
    process.stderr.write('national: COPY into the event store\n');
    const copy = await copyInto(storeDb, csv, 'event_store.events', COPY_COLUMNS_WITH_POSITION);
    const copyRate = copy.rows / copy.seconds;
    await withClient(storeDb, async (client) => {
      await client.query(
        `insert into event_store.streams (stream_name, version)
         select stream_name, max(stream_version) from event_store.events group by stream_name`,
      );
      await client.query('analyze');
    });
    rmSync(csv, { force: true });
    details.copy = { rows: copy.rows, seconds: round(copy.seconds, 1), rowsPerSecond: round(copyRate) };
    rows.push([
      'COPY into event_store.events (limit)',
      `${fmt(copyRate)} rows/s (${fmt(copy.rows)} rows in ${fmt(copy.seconds)} s)`,
    ]);

    process.stderr.write(`national: bare read + parse (at most ${n.readSeconds} s)\n`);
    const read = await runWorker('read', connectionStringFor(storeDb), n.readSeconds);
    details.readAndParse = read;
    rows.push([
      'read + JSON.parse (limit)',
      `${fmt(read.eventsPerSecond)} ev/s, peak ${fmt(read.peakRssMiB)} MiB${read.complete ? '' : ' (time-boxed)'}`,
    ]);

    process.stderr.write('national: rebuild of every event into a new generation, swapped in at the end\n');
    const waits = new DbWaitSampler(storeDb);
    const rebuild = await runWorker('rebuild', connectionStringFor(storeDb), 0);
    details.rebuildSessions = await waits.stop();
    const rebuildTotalSeconds = rebuild.seconds;
    details.rebuild = rebuild;
    rows.push([
      'rebuild (case clocks)',
      `${fmt(rebuild.eventsPerSecond)} ev/s, ${fmt(rebuild.events)} events in ${fmt(rebuild.seconds / 60, 1)} min, peak ${fmt(rebuild.peakRssMiB)} MiB`,
    ]);
    rows.push(['rebuild / read+parse', `${fmt((rebuild.eventsPerSecond / read.eventsPerSecond) * 100, 1)}%`]);
    targets.push(below('national rebuild time', rebuildTotalSeconds / 60, 10, 'min'));
    targets.push(below('national rebuild time (aim)', rebuildTotalSeconds / 60, 5, 'min'));
    targets.push(below('national rebuild peak memory', rebuild.peakRssMiB, 1024, 'MiB'));
    targets.push(
      atLeast('national rebuild vs read+parse', (rebuild.eventsPerSecond / read.eventsPerSecond) * 100, 25, '%'),
    );

    process.stderr.write(`national: CLI import through HTTP (at most ${n.importSeconds} s)\n`);
    const service = await ServiceProcess.start({ databaseUrl: connectionStringFor(importDb), roles: 'api,ingest' });
    let imported: Record<string, number | boolean> = {};
    try {
      imported = await timedCliImport(ndjson, service.url, importDb, n.importSeconds);
    } finally {
      imported.servicePeakRssMiB = (await service.stop()) ?? Number.NaN;
    }
    const importRate = imported.steadyEventsPerSecond as number;
    details.import = imported;
    rows.push([
      'CLI import (HTTP, batch 1,000)',
      `${fmt(importRate)} ev/s steady, ${fmt(imported.storedEvents as number)} stored in ${fmt(imported.seconds as number)} s; ` +
        `service peak ${fmt(imported.servicePeakRssMiB)} MiB, CLI peak ${fmt(imported.cliPeakRssMiB as number)} MiB`,
    ]);
    rows.push(['import of all events', `${fmt(generated.events / importRate / 3600, 1)} h (extrapolated)`]);
    rows.push(['import / COPY', `${fmt((importRate / copyRate) * 100, 1)}%`]);
    targets.push(atLeast('national import vs COPY', (importRate / copyRate) * 100, 40, '%'));
    notes.push(
      `import into an empty database for ${n.importSeconds} s from the first ${ndjsonLas} LAs' file; steady rate after the first 20%`,
    );
  } finally {
    if (!keep) {
      await dropDatabase(storeDb);
      await dropDatabase(importDb);
      rmSync(ndjson, { force: true });
    } else {
      details.databases = [storeDb, importDb];
    }
  }
  details.harnessPeakRssMiB = sampler.stop();
  rows.push(['harness peak RSS (generation)', `${fmt(details.harnessPeakRssMiB as number)} MiB`]);
  return {
    scenario: 'national',
    title: `6. National scale (${n.las} LAs, ${fmt(generated.events)} facts)`,
    rows,
    targets,
    details,
    notes,
    seconds: (performance.now() - started) / 1000,
  };
}
