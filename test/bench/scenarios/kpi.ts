import { LoadClient, closedLoop } from '../http-client.js';
import { RssSampler } from '../memory.js';
import { connectionStringFor, withClient } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { waitCaughtUp } from '../projection-state.js';
import { ReadyProbe, readyRow } from '../ready-probe.js';
import { atLeast, below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { KPI_NAMES } from '#kpis';
import { ServiceProcess } from '../service.js';
import { median, round, summarise } from '../stats.js';
import type { ImportedLa } from './import.js';

/** Every KPI the service serves, each asked for at 32 clients. */
const KPIS = KPI_NAMES;
/** The period every KPI is asked for at 32 clients (5 years, by month). */
const FROM = '2021-01-01';
const TO = '2025-12-31';
/** An authenticated route of the same service that does no work of its own: the LA list, held in memory. */
const TRIVIAL = '/api/v1/las';
/** Spans for the one-client latency: periods ending on TO. */
const SPANS = [1, 5, 10] as const;

interface LoadFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requestsPerSecond: number;
  readonly failures: number;
}

async function underLoad(client: LoadClient, path: string, profile: BenchProfile): Promise<LoadFigures> {
  for (let i = 0; i < 64; i++) await client.request('GET', path);
  const runs = [];
  for (let run = 0; run < profile.runs; run++) {
    const latencies: number[] = [];
    let failures = 0;
    let issued = 0;
    const seconds = await closedLoop(profile.kpi.clients, profile.kpi.seconds, () => {
      if (issued >= profile.kpi.maxRequests) return undefined;
      issued += 1;
      return async () => {
        try {
          const answer = await client.request('GET', path);
          latencies.push(answer.ms);
          if (answer.status !== 200) failures += 1;
        } catch {
          failures += 1;
        }
      };
    });
    const summary = summarise(latencies);
    runs.push({ ...summary, failures, requestsPerSecond: summary.count / seconds });
  }
  return {
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    requestsPerSecond: round(median(runs.map((r) => r.requestsPerSecond))),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

/** One client: the first answer of a query (computed) and the p50 of 50 repeats (answered from the cache). */
async function oneClient(client: LoadClient, path: string): Promise<{ firstMs: number; p50Ms: number }> {
  const first = await client.request('GET', path);
  if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}: ${first.body.slice(0, 300)}`);
  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) latencies.push((await client.request('GET', path)).ms);
  return { firstMs: round(first.ms, 1), p50Ms: summarise(latencies).p50Ms };
}

/**
 * Scenario 4: every KPI for one LA over 5 years by month, 32 clients in closed loops, beside the same service's
 * authenticated trivial route at the same concurrency; then one client over 1, 5 and 10 years; `/health/ready`
 * asked throughout.
 */
export async function kpiScenario(profile: BenchProfile, imported: ImportedLa): Promise<ScenarioResult> {
  const started = performance.now();
  const sampler = new RssSampler();
  const service = await ServiceProcess.start({ databaseUrl: connectionStringFor(imported.database) });
  const notes: string[] = [
    'live answers are cached per LA under its revision (the projector counts it up with every batch that touches the LA): ' +
      'repeated requests are answered from memory; "first" is the one computed from the fact rows',
    'the clients accept gzip, as browsers and the dashboard do (a cached answer is gzipped once); times are to the last byte received',
  ];
  const client = new LoadClient(service.url, profile.kpi.clients);
  const rows: Array<[string, string]> = [];
  const targets: TargetCheck[] = [];
  const details: Record<string, unknown> = { la: imported.la, from: FROM, to: TO, clients: profile.kpi.clients };
  let probe: ReadyProbe | undefined;
  try {
    details.caughtUp = await withClient(imported.database, (c) => waitCaughtUp(c, 600_000));
    probe = new ReadyProbe(service.probeUrl);
    const trivial = await underLoad(client, TRIVIAL, profile);
    details.trivial = trivial;
    rows.push([
      `trivial route ${TRIVIAL}`,
      `p50 ${fmt(trivial.p50Ms, 1)} ms, p99 ${fmt(trivial.p99Ms, 1)} ms, ${fmt(trivial.requestsPerSecond)} req/s`,
    ]);
    for (const kpi of KPIS) {
      const path = `/api/v1/las/${imported.la}/kpis/${kpi}?from=${FROM}&to=${TO}`;
      const first = await client.request('GET', path);
      if (first.status !== 200) throw new Error(`GET ${path} answered ${first.status}: ${first.body.slice(0, 300)}`);
      const load = await underLoad(client, path, profile);
      const throughput = load.requestsPerSecond / trivial.requestsPerSecond;
      const p99Ratio = load.p99Ms / trivial.p99Ms;
      details[kpi] = {
        ...load,
        firstMs: round(first.ms, 1),
        bodyBytes: first.body.length,
        sentBytes: first.bytes,
        throughput,
        p99Ratio,
      };
      rows.push([
        kpi,
        `first ${fmt(first.ms, 1)} ms; 32 clients: p50 ${fmt(load.p50Ms, 1)} ms, p99 ${fmt(load.p99Ms, 1)} ms, ` +
          `${fmt(load.requestsPerSecond)} req/s = ${fmt(throughput * 100, 0)}% of trivial, p99 ${fmt(p99Ratio, 2)}x` +
          `; ${fmt(first.body.length / 1024)} KB of JSON, ${fmt(first.bytes / 1024)} KB sent` +
          (load.failures > 0 ? ` (${fmt(load.failures)} failed)` : ''),
      ]);
      targets.push(atLeast(`KPI ${kpi} throughput vs trivial route`, throughput * 100, 50, '%'));
      targets.push(below(`KPI ${kpi} p99 vs trivial route p99`, p99Ratio, 3, 'x'));
    }
    const single = new LoadClient(service.url, 1);
    try {
      const spans: Record<string, unknown> = {};
      for (const kpi of KPIS) {
        const figures: Record<number, { firstMs: number; p50Ms: number }> = {};
        for (const years of SPANS) {
          const from = `${Number(TO.slice(0, 4)) - years + 1}-01-01`;
          figures[years] = await oneClient(single, `/api/v1/las/${imported.la}/kpis/${kpi}?from=${from}&to=${TO}`);
        }
        spans[kpi] = figures;
        rows.push([
          `${kpi}, one client, 1/5/10 years`,
          `p50 ${SPANS.map((y) => fmt(figures[y]!.p50Ms, 2)).join(' / ')} ms; first ${SPANS.map((y) =>
            fmt(figures[y]!.firstMs, 1),
          ).join(' / ')} ms`,
        ]);
        targets.push(below(`KPI ${kpi} one-client p50, 5 years`, figures[5]!.p50Ms, 10, 'ms'));
        targets.push(below(`KPI ${kpi} 10 years vs 1 year (p50)`, figures[10]!.p50Ms / figures[1]!.p50Ms, 1.5, 'x'));
      }
      details.oneClient = spans;
    } finally {
      single.close();
    }
  } finally {
    if (probe !== undefined) {
      const ready = readyRow('kpi', await probe.stop());
      details.ready = ready.row[1];
      rows.push(ready.row);
      targets.push(ready.target);
    }
    client.close();
    const peak = await service.stop();
    details.servicePeakRssMiB = peak;
    rows.push(['service peak RSS', `${fmt(peak ?? Number.NaN)} MiB`]);
  }
  const harnessPeak = sampler.stop();
  details.harnessPeakRssMiB = harnessPeak;
  rows.push(['harness peak RSS', `${fmt(harnessPeak)} MiB`]);
  notes.push(`LA ${imported.la}: ${fmt(imported.storedEvents)} events stored`);
  return {
    scenario: 'kpi',
    title: `4. KPI queries, LA ${imported.la}, ${FROM}..${TO} (${profile.kpi.clients} clients)`,
    rows,
    targets,
    details,
    notes,
    seconds: (performance.now() - started) / 1000,
  };
}
