import type { DataSource, QueryRunner } from 'typeorm';

/** Where an LA's rows stand in the generation queries read: a cache key for answers derived from them. */
export interface LaRevision {
  readonly generation: number;
  /** The generation's schema (a safe identifier). */
  readonly schema: string;
  /** Counted up by every change to the LA's rows in this generation; 0 when it has none yet. */
  readonly revision: bigint;
  /** Global position of the LA's last folded event; 0 when it has none yet. */
  readonly position: bigint;
}

/**
 * Records, in the batch's transaction, the last position folded per LA and counts each LA's revision up. The LAs come
 * from the batch itself, so any projection fed by the runner keeps its LAs' revisions without code of its own.
 */
export async function recordLaPositions(
  qr: QueryRunner,
  name: string,
  generation: number,
  positions: ReadonlyMap<string, bigint>,
): Promise<void> {
  if (positions.size === 0) return;
  const las = [...positions.keys()].sort();
  await qr.query(
    `INSERT INTO projection_la_revisions AS r (name, generation, la, position)
     SELECT $1, $2, la, position FROM unnest($3::text[], $4::bigint[]) AS x(la, position)
     ON CONFLICT (name, generation, la) DO UPDATE
       SET position = greatest(r.position, excluded.position), revision = r.revision + 1`,
    [name, generation, las, las.map((la) => positions.get(la)!.toString())],
  );
}

/**
 * Counts the LA's revision up in every generation, for changes made beside the runner (an erasure deletes rows). One
 * statement with the LA as its only parameter, so a caller on another pool can run it as it is.
 */
export const BUMP_LA_REVISION_SQL = `UPDATE projection_la_revisions SET revision = revision + 1 WHERE la = $1`;

/** The active generation of `name` and the LA's revision in it, in one query; undefined before the first generation. */
export async function activeLaRevision(
  dataSource: DataSource,
  name: string,
  la: string,
): Promise<LaRevision | undefined> {
  const rows = await dataSource.query<
    Array<{ generation: number; schema_name: string; revision: string | null; position: string | null }>
  >(
    `SELECT g.generation, g.schema_name, r.revision::text AS revision, r.position::text AS position
     FROM projection_generations g
     LEFT JOIN projection_la_revisions r ON r.name = g.name AND r.generation = g.generation AND r.la = $2
     WHERE g.name = $1 AND g.status = 'active'`,
    [name, la],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    generation: row.generation,
    schema: row.schema_name,
    revision: BigInt(row.revision ?? 0),
    position: BigInt(row.position ?? 0),
  };
}
