import { LoadClient, closedLoop } from '../http-client.js';
import { RssSampler } from '../memory.js';
import { connectionStringFor, withClient } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { waitCaughtUp } from '../projection-state.js';
import { below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { ServiceProcess } from '../service.js';
import { median, round, summarise } from '../stats.js';
import type { ImportedLa } from './import.js';

const KPIS = ['twenty-week-timeliness', 'six-week-decisions', 'annual-reviews'] as const;
const FROM = '2021-01-01';
const TO = '2025-12-31';

/**
 * Scenario 4: KPI query latency for one LA with the imported years of history, 32 concurrent clients in closed
 * loops, over five years (2021-2025, monthly groups), once the projector has caught up.
 */
export async function kpiScenario(profile: BenchProfile, imported: ImportedLa): Promise<ScenarioResult> {
  const started = performance.now();
  const sampler = new RssSampler();
  const service = await ServiceProcess.start({ databaseUrl: connectionStringFor(imported.database) });
  const notes: string[] = [];
  const client = new LoadClient(service.url, profile.kpi.clients);
  const rows: Array<[string, string]> = [];
  const targets: TargetCheck[] = [];
  const details: Record<string, unknown> = { la: imported.la, from: FROM, to: TO, clients: profile.kpi.clients };
  try {
    const caughtUp = await withClient(imported.database, (c) => waitCaughtUp(c, 600_000));
    details.caughtUp = caughtUp;
    for (const kpi of KPIS) {
      const path = `/api/v1/las/${imported.la}/kpis/${kpi}?from=${FROM}&to=${TO}`;
      const probe = await client.request('GET', path);
      if (probe.status !== 200) {
        throw new Error(`GET ${path} answered ${probe.status}: ${probe.body.slice(0, 300)}`);
      }
      // Warm-up: JIT, pool and the database's caches.
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
        runs.push({
          ...summary,
          failures,
          seconds: round(seconds, 3),
          requestsPerSecond: round(summary.count / seconds),
        });
      }
      const p50 = median(runs.map((r) => r.p50Ms));
      const p99 = median(runs.map((r) => r.p99Ms));
      const rps = median(runs.map((r) => r.requestsPerSecond));
      details[kpi] = { p50Ms: p50, p99Ms: p99, requestsPerSecond: rps, bodyBytes: probe.body.length, runs };
      const failed = runs.reduce((n, r) => n + r.failures, 0);
      rows.push([
        kpi,
        `p50 ${fmt(p50, 1)} ms, p99 ${fmt(p99, 1)} ms, ${fmt(rps)} req/s${failed > 0 ? ` (${fmt(failed)} failed)` : ''}`,
      ]);
      targets.push(below(`KPI ${kpi} p99 (32 clients)`, p99, 25, 'ms'));
    }
  } finally {
    client.close();
    const peak = await service.stop();
    details.servicePeakRssMiB = peak;
    rows.push(['service peak RSS', `${fmt(peak ?? Number.NaN)} MiB`]);
  }
  const harnessPeak = sampler.stop();
  details.harnessPeakRssMiB = harnessPeak;
  rows.push(['harness peak RSS', `${fmt(harnessPeak)} MiB`]);
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
