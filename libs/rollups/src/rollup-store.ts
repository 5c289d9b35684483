import type { DataSource, EntityManager } from 'typeorm';
import type { MessageHeaders } from '#messaging';
import { contentHash } from './content.js';
import type { WeeklyRollup } from './rollup.js';

/** A revision written, as the publish route reports it. */
export interface IssuedRevision {
  readonly la: string;
  readonly week: string;
  readonly revision: number;
}

/** The weekly_rollups table and the outbox rows that go with its revisions. */
export class RollupStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the rollup as the week's next revision, and its outbox record, in one transaction, unless its content
   * equals the latest revision's. Concurrent publishers of the same week queue on an advisory lock held for the
   * few statements of the transaction, so a revision number is never issued twice or for unchanged content.
   */
  async issueIfChanged(
    rollup: Omit<WeeklyRollup, 'revision'>,
    outbox: { readonly topic: string; readonly headers?: MessageHeaders },
  ): Promise<IssuedRevision | null> {
    const hash = contentHash({ ...rollup, revision: 0 });
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7263900))`, [
        `weekly_rollups:${rollup.la}:${rollup.week}`,
      ]);
      const latest = await this.latestRevision(manager, rollup.la, rollup.week);
      if (latest !== undefined && latest.contentHash === hash) return null;
      const revision = (latest?.revision ?? 0) + 1;
      const document: WeeklyRollup = { ...rollup, revision };
      const payload = JSON.stringify(document);
      await manager.query(
        `INSERT INTO weekly_rollups
           (la, week, revision, week_start, week_end, content, content_hash, based_on_position, computed_at)
         VALUES ($1, $2, $3, $4::date, $5::date, $6::jsonb, $7, $8::bigint, $9::timestamptz)`,
        [
          rollup.la,
          rollup.week,
          revision,
          rollup.weekStart,
          rollup.weekEnd,
          payload,
          hash,
          rollup.basedOnPosition,
          rollup.computedAt,
        ],
      );
      await manager.query(`INSERT INTO outbox (topic, key, payload, headers) VALUES ($1, $2, $3, $4::jsonb)`, [
        outbox.topic,
        `${rollup.la}:${rollup.week}`,
        payload,
        JSON.stringify({
          'content-type': 'application/json',
          'rollup-revision': String(revision),
          ...outbox.headers,
        }),
      ]);
      return { la: rollup.la, week: rollup.week, revision };
    });
  }

  /** The latest revision of every week of the LA, newest week first. */
  async latestOfEachWeek(la: string, limit: number): Promise<WeeklyRollup[]> {
    const rows = await this.dataSource.query<Array<{ content: WeeklyRollup }>>(
      `SELECT content FROM (
         SELECT DISTINCT ON (week) week, content FROM weekly_rollups WHERE la = $1 ORDER BY week, revision DESC
       ) latest ORDER BY week DESC LIMIT $2`,
      [la, limit],
    );
    return rows.map((row) => row.content);
  }

  /** Every revision of one week, first reported first. */
  async revisions(la: string, week: string): Promise<WeeklyRollup[]> {
    const rows = await this.dataSource.query<Array<{ content: WeeklyRollup }>>(
      `SELECT content FROM weekly_rollups WHERE la = $1 AND week = $2 ORDER BY revision`,
      [la, week],
    );
    return rows.map((row) => row.content);
  }

  async latest(la: string, week: string): Promise<WeeklyRollup | undefined> {
    const rows = await this.dataSource.query<Array<{ content: WeeklyRollup }>>(
      `SELECT content FROM weekly_rollups WHERE la = $1 AND week = $2 ORDER BY revision DESC LIMIT 1`,
      [la, week],
    );
    return rows[0]?.content;
  }

  private async latestRevision(
    manager: EntityManager,
    la: string,
    week: string,
  ): Promise<{ revision: number; contentHash: string } | undefined> {
    const rows = await manager.query<Array<{ revision: number; content_hash: string }>>(
      `SELECT revision, content_hash FROM weekly_rollups WHERE la = $1 AND week = $2
       ORDER BY revision DESC LIMIT 1`,
      [la, week],
    );
    const row = rows[0];
    return row === undefined ? undefined : { revision: row.revision, contentHash: row.content_hash };
  }
}
