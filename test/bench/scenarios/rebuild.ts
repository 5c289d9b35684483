import { DbWaitSampler } from '../db-waits.js';
import { connectionStringFor } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { atLeast, below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { median, round } from '../stats.js';
import { runWorker, type WorkerResult } from '../worker.js';
import type { ImportedLa } from './import.js';

/**
 * Scenario 3: projection rebuild of the imported LA (the case clocks and their fact rows, replayed from the first
 * event into a new generation and swapped in) beside a bare sequential read of the same events table plus
 * JSON.parse of every payload. Each runs in its own child process, which reports its peak memory.
 */
export async function rebuildScenario(profile: BenchProfile, imported: ImportedLa): Promise<ScenarioResult> {
  const started = performance.now();
  const url = connectionStringFor(imported.database);
  const rebuilds: WorkerResult[] = [];
  const reads: WorkerResult[] = [];
  let sessions: Record<string, number> = {};
  for (let run = 0; run < profile.runs; run++) {
    reads.push(await runWorker('read', url, 0));
    const waits = new DbWaitSampler(imported.database);
    rebuilds.push(await runWorker('rebuild', url, 0));
    sessions = await waits.stop();
  }
  const rebuildRate = median(rebuilds.map((r) => r.eventsPerSecond));
  const readRate = median(reads.map((r) => r.eventsPerSecond));
  const ratio = rebuildRate / readRate;
  const rebuildPeak = Math.max(...rebuilds.map((r) => r.peakRssMiB));
  const targets: TargetCheck[] = [
    atLeast('rebuild vs read+parse', ratio * 100, 25, '%'),
    atLeast('rebuild vs read+parse (aim)', ratio * 100, 50, '%'),
    below('rebuild peak memory', rebuildPeak, 1024, 'MiB'),
  ];
  return {
    scenario: 'rebuild',
    title: `3. Projection rebuild (${fmt(imported.storedEvents)} events, one LA)`,
    rows: [
      ['rebuild (case clocks)', `${fmt(rebuildRate)} ev/s (${fmt(median(rebuilds.map((r) => r.seconds)), 1)} s)`],
      ['read + JSON.parse limit', `${fmt(readRate)} ev/s`],
      ['rebuild / limit', `${fmt(ratio * 100, 1)}%`],
      ['rebuild peak RSS', `${fmt(rebuildPeak)} MiB`],
      ['read peak RSS', `${fmt(Math.max(...reads.map((r) => r.peakRssMiB)))} MiB`],
    ],
    targets,
    details: {
      events: imported.storedEvents,
      rebuild: { eventsPerSecond: rebuildRate, runs: rebuilds },
      readAndParse: { eventsPerSecond: readRate, runs: reads, pageSize: 5000 },
      ratio: round(ratio, 4),
      sessions,
    },
    notes: [
      `database sessions on average during the rebuild: ${Object.entries(sessions)
        .slice(0, 3)
        .map(([w, n]) => `${n} ${w}`)
        .join(', ')}`,
      'a rebuild loads 5,000 events per transaction (COPY into unlogged tables), then folds each case once (2,000 cases per transaction) and vacuums-analyses before the swap; the bare read pages 5,000 at a time',
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
