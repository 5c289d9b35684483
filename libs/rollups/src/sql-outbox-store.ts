import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxRecord, OutboxStore } from '#messaging';

export interface SqlOutboxStoreOptions {
  /** This relay's name in the lease (default a random id per process). */
  readonly holder?: string;
  /** How long a lease lasts without renewal; another relay takes over after it (default 30 s). */
  readonly leaseSeconds?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: string;
  headers: Record<string, string> | null;
}

/**
 * The outbox table for the messaging OutboxRelay. Several service instances may run a relay; one at a time holds a
 * lease (renewed on every poll) and reads the pending rows in write order, so a key's records reach the broker in
 * the order they were written. Every statement is short: no transaction stays open while the broker is called,
 * which embedded PGlite (one shared session) needs.
 */
export class SqlOutboxStore implements OutboxStore {
  private readonly holder: string;
  private readonly leaseSeconds: number;

  constructor(
    private readonly dataSource: DataSource,
    options: SqlOutboxStoreOptions = {},
  ) {
    this.holder = options.holder ?? `relay-${randomUUID()}`;
    this.leaseSeconds = options.leaseSeconds ?? 30;
  }

  async pending(limit: number): Promise<readonly OutboxRecord[]> {
    if (!(await this.holdLease())) return [];
    const rows = await this.dataSource.query<OutboxRow[]>(
      `SELECT id::text AS id, topic, key, payload, headers FROM outbox
       WHERE published_at IS NULL ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      topic: row.topic,
      key: row.key,
      payload: row.payload,
      ...(row.headers !== null && Object.keys(row.headers).length > 0 ? { headers: row.headers } : {}),
    }));
  }

  async markPublished(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox SET published_at = $2::timestamptz WHERE id = ANY($1::bigint[]) AND published_at IS NULL`,
      [[...ids], at.toISOString()],
    );
  }

  /** Records written and not yet acknowledged by the broker. */
  async unpublishedCount(): Promise<number> {
    const rows = await this.dataSource.query<Array<{ count: string }>>(
      `SELECT count(*)::text AS count FROM outbox WHERE published_at IS NULL`,
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Gives the lease up (on shutdown), so another relay need not wait for it to expire. */
  async releaseLease(): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_relay_lease SET holder = NULL, expires_at = NULL WHERE name = 'outbox' AND holder = $1`,
      [this.holder],
    );
  }

  /** Takes or renews the lease in one statement; false while another relay holds an unexpired one. */
  private async holdLease(): Promise<boolean> {
    const rows = await this.dataSource.query<Array<{ holder: string }>>(
      `INSERT INTO outbox_relay_lease AS lease (name, holder, expires_at)
       VALUES ('outbox', $1, now() + make_interval(secs => $2))
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
         WHERE lease.holder IS NULL OR lease.holder = EXCLUDED.holder OR lease.expires_at < now()
       RETURNING holder`,
      [this.holder, this.leaseSeconds],
    );
    return rows.length > 0;
  }
}
