import { Worker } from 'node:worker_threads';
import { below, type TargetCheck } from './report.js';
import { summarise, type LatencySummary } from './stats.js';

/** The probing loop, on a thread of its own so that the harness's own load (32 clients) does not delay it. */
const PROBE_LOOP = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies = [];
let notReady = 0, failures = 0, running = true;
parentPort.on('message', () => { running = false; });
const ask = () => new Promise((resolve) => {
  const started = performance.now();
  const request = http.get(workerData.url, { agent, timeout: 30000 }, (response) => {
    response.resume();
    response.on('end', () => { latencies.push(performance.now() - started); if (response.statusCode !== 200) notReady += 1; resolve(); });
  });
  request.on('error', () => { failures += 1; resolve(); });
  request.on('timeout', () => request.destroy(new Error('timeout')));
});
(async () => {
  while (running) { await ask(); await new Promise((r) => setTimeout(r, 100)); }
  agent.destroy();
  parentPort.postMessage({ latencies, notReady, failures });
})();
`;

/**
 * Asks the service's `/health/ready` every 100 ms on a connection of its own while a scenario runs, as an
 * orchestrator would: from a thread of its own, on the service's probe port (PROBE_PORT), and keeps each answer's
 * latency and status.
 */
export class ReadyProbe {
  private readonly worker: Worker;
  private readonly result: Promise<{ latencies: number[]; notReady: number; failures: number }>;

  constructor(probeUrl: string) {
    this.worker = new Worker(PROBE_LOOP, { eval: true, workerData: { url: `${probeUrl}/health/ready` } });
    this.result = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
  }

  async stop(): Promise<LatencySummary & { notReady: number; failures: number }> {
    this.worker.postMessage('stop');
    const { latencies, notReady, failures } = await this.result;
    await this.worker.terminate();
    return { ...summarise(latencies), notReady, failures };
  }
}

/** The row and target every scenario with a service prints for its readiness probe. */
export function readyRow(
  scenario: string,
  probe: LatencySummary & { notReady: number; failures: number },
): { row: [string, string]; target: TargetCheck } {
  return {
    row: [
      '/health/ready during the scenario',
      `p50 ${probe.p50Ms} ms, p99 ${probe.p99Ms} ms, max ${probe.maxMs} ms, ${probe.count} probes, ` +
        `${probe.notReady} not ready, ${probe.failures} failed`,
    ],
    target: below(`/health/ready p99 (${scenario})`, probe.p99Ms, 100, 'ms'),
  };
}
