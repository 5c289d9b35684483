import { LoadClient } from './http-client.js';
import { below, type TargetCheck } from './report.js';
import { summarise, type LatencySummary } from './stats.js';

/**
 * Asks the service's `/health/ready` every 100 ms on a connection of its own while a scenario runs, as an
 * orchestrator would, and keeps each answer's latency and status.
 */
export class ReadyProbe {
  private readonly client: LoadClient;
  private readonly latencies: number[] = [];
  private notReady = 0;
  private failures = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(baseUrl: string) {
    this.client = new LoadClient(baseUrl, 1);
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const answer = await this.client.request('GET', '/health/ready');
        this.latencies.push(answer.ms);
        if (answer.status !== 200) this.notReady += 1;
      } catch {
        this.failures += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<LatencySummary & { notReady: number; failures: number }> {
    this.running = false;
    await this.loop;
    this.client.close();
    return { ...summarise(this.latencies), notReady: this.notReady, failures: this.failures };
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
