import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LoadClient, closedLoop } from '../http-client.js';
import { benchLaCodes, countAnswer, emptyCounts, factBatches, interleavedBatches, type FactBatch } from '../facts.js';
import { DbWaitSampler } from '../db-waits.js';
import { RssSampler } from '../memory.js';
import { connectionStringFor, createDatabase, dropDatabase } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { atLeast, below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { ReadyProbe, readyRow } from '../ready-probe.js';
import { ServiceProcess } from '../service.js';
import { median, round, summarise } from '../stats.js';
import type { StoreAppendFigures } from './store-append.js';

interface AppendRun {
  readonly events: number;
  readonly requests: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly answers: ReturnType<typeof emptyCounts>;
}

/** Posts pre-serialised batches from `clients` closed loops until they run out or the time is up. */
async function postBatches(
  client: LoadClient,
  batches: readonly FactBatch[],
  clients: number,
  seconds: number,
): Promise<AppendRun> {
  const latencies: number[] = [];
  const answers = emptyCounts();
  let next = 0;
  let events = 0;
  const elapsed = await closedLoop(clients, seconds, () => {
    const batch = batches[next++];
    if (batch === undefined) return undefined;
    return async () => {
      const answer = await client.request('POST', `/api/v1/las/${batch.la}/events`, batch.body);
      latencies.push(answer.ms);
      countAnswer(answers, answer.status, answer.body);
      if (answer.status === 200) events += batch.count;
    };
  });
  const summary = summarise(latencies);
  return {
    events,
    requests: summary.count,
    seconds: round(elapsed, 3),
    eventsPerSecond: round(events / elapsed),
    p50Ms: summary.p50Ms,
    p99Ms: summary.p99Ms,
    maxMs: summary.maxMs,
    answers,
  };
}

/**
 * Scenario 1: HTTP append. 16 concurrent clients post synthetic facts in batches of 1 and of 1,000 to the service
 * (a child process), on PostgreSQL and on embedded PGlite. Each run sends facts of LAs not used before, so every
 * fact is new. The projector is off (ROLES=api,ingest): this measures the write path alone.
 */
export async function appendScenario(
  profile: BenchProfile,
  /** The store-level figures of the same run, when measured: HTTP is then also reported against them. */
  reference?: StoreAppendFigures,
): Promise<ScenarioResult> {
  const started = performance.now();
  const sampler = new RssSampler();
  const backends: Array<'postgres' | 'pglite'> = profile.append.pglite ? ['postgres', 'pglite'] : ['postgres'];
  const details: Record<string, unknown> = {};
  const rows: Array<[string, string]> = [];
  const targets: TargetCheck[] = [];
  const notes: string[] = [
    `${profile.append.clients} clients, one LA each, closed loop, each run at most ${profile.append.seconds} s; projector off (ROLES=api,ingest)`,
  ];
  let laCursor = 0;
  const freshLas = (count: number): string[] => {
    const las = benchLaCodes(count, laCursor);
    laCursor += count;
    return las;
  };
  const generateOptions = {
    seed: profile.seed,
    years: profile.la.years,
    ...(profile.la.plans ? { plans: profile.la.plans } : {}),
  };

  for (const backend of backends) {
    // Each backend has its own database: LA codes can repeat across them.
    laCursor = 0;
    const database = backend === 'postgres' ? await createDatabase('append') : undefined;
    const dataDir = backend === 'pglite' ? mkdtempSync(join(profile.workDir, 'pglite-')) : undefined;
    const service = await ServiceProcess.start({
      ...(database === undefined ? {} : { databaseUrl: connectionStringFor(database) }),
      ...(dataDir === undefined ? {} : { dataDir }),
      roles: 'api,ingest',
    });
    const client = new LoadClient(service.url, profile.append.clients);
    const probe = new ReadyProbe(service.probeUrl);
    const perBackend: Record<string, unknown> = {};
    try {
      // Warm up the JIT and the connection pool on facts of an LA no run uses.
      const warmup = factBatches(freshLas(1), generateOptions, 1, profile.append.warmupEvents);
      await postBatches(client, warmup, profile.append.clients, profile.append.seconds);

      for (const batchSize of [1, 1000]) {
        const maxEvents = batchSize === 1 ? profile.append.maxEventsBatch1 : profile.append.maxEventsBatch1000;
        const runs: AppendRun[] = [];
        const waits = database === undefined ? undefined : new DbWaitSampler(database);
        for (let run = 0; run < profile.runs; run++) {
          // One LA per client: 16 feeds posting side by side, not 16 clients racing on one LA's cases.
          const batches = interleavedBatches(freshLas(profile.append.clients), generateOptions, batchSize, maxEvents);
          runs.push(await postBatches(client, batches, profile.append.clients, profile.append.seconds));
        }
        const rate = median(runs.map((r) => r.eventsPerSecond));
        const p50 = median(runs.map((r) => r.p50Ms));
        const p99 = median(runs.map((r) => r.p99Ms));
        const sessions = await waits?.stop();
        perBackend[`batch${batchSize}`] = { eventsPerSecond: rate, p50Ms: p50, p99Ms: p99, runs, sessions };
        if (sessions !== undefined) {
          const top = Object.entries(sessions).slice(0, 3);
          notes.push(
            `${backend} batch ${fmt(batchSize)}, database sessions on average: ${top.map(([w, n]) => `${n} ${w}`).join(', ')}`,
          );
        }
        const rejected = runs.reduce((n, r) => n + r.answers.rejected + r.answers.failedRequests, 0);
        rows.push([
          `${backend} batch ${fmt(batchSize)}`,
          `${fmt(rate)} ev/s, p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms` +
            (rejected > 0 ? ` (${fmt(rejected)} rejected or failed)` : ''),
        ]);
        if (backend === 'postgres') {
          if (batchSize === 1) {
            targets.push(atLeast('append batch 1 (PostgreSQL)', rate, 3_000, 'ev/s'));
            targets.push(below('append batch 1 p99 (PostgreSQL)', p99, 50, 'ms'));
            if (reference !== undefined) {
              const share = (rate / reference.store.batch1) * 100;
              targets.push(atLeast('HTTP batch 1 vs store-level batch 1', share, 50, '%'));
            }
          } else {
            targets.push(atLeast('append batch 1,000 (PostgreSQL)', rate, 30_000, 'ev/s'));
            if (reference !== undefined) {
              const share = (rate / reference.bareInsert.batch1000) * 100;
              targets.push(atLeast('HTTP batch 1,000 vs bare multi-row INSERT', share, 50, '%'));
            }
          }
        }
      }
    } finally {
      client.close();
      const ready = readyRow(`append, ${backend}`, await probe.stop());
      perBackend.ready = ready.row[1];
      rows.push([`${backend} ${ready.row[0]}`, ready.row[1]]);
      targets.push(ready.target);
      const peak = await service.stop();
      perBackend.servicePeakRssMiB = peak;
      rows.push([`${backend} service peak RSS`, `${fmt(peak ?? Number.NaN)} MiB`]);
      if (database !== undefined) await dropDatabase(database);
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    }
    details[backend] = perBackend;
  }
  const harnessPeak = sampler.stop();
  details.harnessPeakRssMiB = harnessPeak;
  rows.push(['harness peak RSS', `${fmt(harnessPeak)} MiB`]);
  return {
    scenario: 'append',
    title: '1. HTTP append (16 clients)',
    rows,
    targets,
    details,
    notes,
    seconds: (performance.now() - started) / 1000,
  };
}
