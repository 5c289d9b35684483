import pg from 'pg';
import { connectionStringFor } from './postgres.js';

/**
 * Samples what the database's sessions are doing (pg_stat_activity) every 50 ms while a load runs: the share of
 * samples per state and wait event shows whether appends queue on a lock, on I/O or are running on the CPU.
 */
export class DbWaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private running = true;
  private readonly loop: Promise<void>;
  private readonly client: pg.Client;

  constructor(private readonly database: string) {
    this.client = new pg.Client({ connectionString: connectionStringFor('postgres') });
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    await this.client.connect();
    while (this.running) {
      const result = await this.client.query<{ what: string; n: number }>(
        `select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running (CPU)')
                     else coalesce(state, 'unknown') end as what, count(*)::int as n
           from pg_stat_activity
          where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()
          group by 1`,
        [this.database],
      );
      this.samples += 1;
      for (const row of result.rows) this.counts.set(row.what, (this.counts.get(row.what) ?? 0) + row.n);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Average number of sessions in each state per sample, largest first. */
  async stop(): Promise<Record<string, number>> {
    this.running = false;
    await this.loop.catch(() => undefined);
    await this.client.end().catch(() => undefined);
    const average: Record<string, number> = {};
    for (const [what, n] of [...this.counts].sort((a, b) => b[1] - a[1])) {
      average[what] = Math.round((n / Math.max(1, this.samples)) * 100) / 100;
    }
    return average;
  }
}
