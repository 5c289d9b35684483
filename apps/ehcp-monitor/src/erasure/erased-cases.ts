import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Tombstones of erased cases: a one-way hash of the case's stream name and when, nothing else, so a replayed fact
 * for an erased case is refused without keeping the case reference itself.
 */
export class ErasedCases {
  constructor(private readonly pool: pg.Pool) {}

  static keyOf(streamName: string): string {
    return createHash('sha256').update(`ehcp-erased:${streamName}`).digest('hex');
  }

  async migrate(): Promise<void> {
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS erased_cases (case_key text PRIMARY KEY, erased_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async add(streamName: string): Promise<void> {
    await this.pool.query('INSERT INTO erased_cases (case_key) VALUES ($1) ON CONFLICT DO NOTHING', [
      ErasedCases.keyOf(streamName),
    ]);
  }

  /** The streams among these that were erased. */
  async erasedAmong(streamNames: readonly string[]): Promise<Set<string>> {
    if (streamNames.length === 0) return new Set();
    const byKey = new Map(streamNames.map((name) => [ErasedCases.keyOf(name), name]));
    const { rows } = await this.pool.query<{ case_key: string }>(
      'SELECT case_key FROM erased_cases WHERE case_key = ANY($1)',
      [[...byKey.keys()]],
    );
    return new Set(rows.map((row) => byKey.get(row.case_key)!));
  }
}

export const ERASED_CASES = Symbol('ERASED_CASES');
