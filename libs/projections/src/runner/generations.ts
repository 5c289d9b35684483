import type { DataSource, QueryRunner } from 'typeorm';
import type { GenerationStatus } from './entities.js';
import { qualifiedTable, quoteIdentifier, type Projection } from './projection.js';

export interface Generation {
  readonly name: string;
  readonly generation: number;
  readonly version: number;
  readonly schema: string;
  readonly status: GenerationStatus;
  readonly position: bigint;
  readonly updatedAt: Date;
}

interface GenerationRecord {
  name: string;
  generation: number;
  version: number;
  schema_name: string;
  status: GenerationStatus;
  position: string;
  updated_at: Date;
}

const COLUMNS = 'name, generation, version, schema_name, status, position::text AS position, updated_at';

function toGeneration(row: GenerationRecord): Generation {
  return {
    name: row.name,
    generation: row.generation,
    version: row.version,
    schema: row.schema_name,
    status: row.status,
    position: BigInt(row.position),
    updatedAt: row.updated_at,
  };
}

export function schemaNameFor(projection: string, generation: number): string {
  return `rm_${projection.replace(/[^a-z0-9_]/g, '_')}_g${generation}`;
}

/** Bookkeeping of each projection's generations: which one queries read, which one is being built. */
export class Generations {
  constructor(private readonly dataSource: DataSource) {}

  async active(name: string): Promise<Generation | undefined> {
    const rows = await this.dataSource.query<GenerationRecord[]>(
      `SELECT ${COLUMNS} FROM projection_generations WHERE name = $1 AND status = 'active'`,
      [name],
    );
    return rows[0] === undefined ? undefined : toGeneration(rows[0]);
  }

  async get(name: string, generation: number): Promise<Generation | undefined> {
    const rows = await this.dataSource.query<GenerationRecord[]>(
      `SELECT ${COLUMNS} FROM projection_generations WHERE name = $1 AND generation = $2`,
      [name, generation],
    );
    return rows[0] === undefined ? undefined : toGeneration(rows[0]);
  }

  async list(name: string): Promise<Generation[]> {
    const rows = await this.dataSource.query<GenerationRecord[]>(
      `SELECT ${COLUMNS} FROM projection_generations WHERE name = $1 ORDER BY generation`,
      [name],
    );
    return rows.map(toGeneration);
  }

  /** The active generation, creating the first one (empty, active at once: there is nothing older to serve). */
  async ensureActive(projection: Projection): Promise<Generation> {
    const existing = await this.active(projection.name);
    if (existing !== undefined) return existing;
    await this.inTransaction(async (qr) => {
      await qr.query(`INSERT INTO projections (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [projection.name]);
      // Serialise concurrent starters on the projection's row.
      await qr.query(`SELECT 1 FROM projections WHERE name = $1 FOR UPDATE`, [projection.name]);
      const rows = (await qr.query(`SELECT 1 FROM projection_generations WHERE name = $1 AND status = 'active'`, [
        projection.name,
      ])) as unknown[];
      if (rows.length > 0) return;
      const generation = await this.createIn(qr, projection, 'active');
      await qr.query(`UPDATE projections SET active_generation = $2 WHERE name = $1`, [projection.name, generation]);
    });
    return (await this.active(projection.name))!;
  }

  /** A generation being built for `projection` at its current version: resumed if one exists, else created. */
  async building(projection: Projection): Promise<Generation> {
    const existing = (await this.list(projection.name)).find(
      (g) => g.status === 'building' && g.version === projection.version,
    );
    if (existing !== undefined) return existing;
    let created = 0;
    await this.inTransaction(async (qr) => {
      await qr.query(`INSERT INTO projections (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [projection.name]);
      await qr.query(`SELECT 1 FROM projections WHERE name = $1 FOR UPDATE`, [projection.name]);
      created = await this.createIn(qr, projection, 'building');
    });
    return (await this.get(projection.name, created))!;
  }

  /**
   * Makes `candidate` the generation queries read, in one transaction, if `expectedActive` is still the active
   * one. Returns false when another rebuild swapped first.
   */
  async swap(name: string, candidate: number, expectedActive: number | undefined): Promise<boolean> {
    return this.inTransaction(async (qr) => {
      const locked = (await qr.query(`SELECT active_generation FROM projections WHERE name = $1 FOR UPDATE`, [
        name,
      ])) as Array<{ active_generation: number | null }>;
      const current = locked[0]?.active_generation ?? undefined;
      if (current !== expectedActive) return false;
      await qr.query(
        `UPDATE projection_generations SET status = 'retired', updated_at = now() WHERE name = $1 AND status = 'active'`,
        [name],
      );
      await qr.query(
        `UPDATE projection_generations SET status = 'active', activated_at = now(), updated_at = now()
         WHERE name = $1 AND generation = $2`,
        [name, candidate],
      );
      await qr.query(`UPDATE projections SET active_generation = $2 WHERE name = $1`, [name, candidate]);
      return true;
    });
  }

  /**
   * Drops retired generations except the most recent one, which a query that looked up the schema just before the
   * swap may still be reading.
   */
  async dropRetired(name: string): Promise<void> {
    const retired = (await this.list(name)).filter((g) => g.status === 'retired');
    for (const generation of retired.slice(0, -1)) {
      await this.inTransaction(async (qr) => {
        await qr.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(generation.schema)} CASCADE`);
        await qr.query(`DELETE FROM projection_la_revisions WHERE name = $1 AND generation = $2`, [
          name,
          generation.generation,
        ]);
        await qr.query(`DELETE FROM projection_generations WHERE name = $1 AND generation = $2`, [
          name,
          generation.generation,
        ]);
      });
    }
  }

  /**
   * Readies a building generation for a bulk load: a fresh one gets unlogged tables (no WAL while they fill; they are
   * made logged before the swap). One found unlogged with a checkpoint past zero was interrupted, perhaps by a crash
   * that emptied its tables: it is emptied and loaded again from zero.
   */
  async prepareBulkLoad(projection: Projection, building: Generation): Promise<Generation> {
    const unlogged = await this.unloggedTables(building);
    if (building.position === 0n) {
      if (unlogged < projection.tables.length) await this.setLogged(projection, building, false);
      return building;
    }
    if (unlogged === 0) return building;
    await this.inTransaction(async (qr) => {
      const tables = projection.tables.map((table) => qualifiedTable(building.schema, table)).join(', ');
      await qr.query(`TRUNCATE ${tables}`);
      await qr.query(`DELETE FROM projection_la_revisions WHERE name = $1 AND generation = $2`, [
        building.name,
        building.generation,
      ]);
      await qr.query(`UPDATE projection_generations SET position = 0 WHERE name = $1 AND generation = $2`, [
        building.name,
        building.generation,
      ]);
    });
    return (await this.get(building.name, building.generation))!;
  }

  /** Makes the generation's tables logged (crash-safe, as queries need them) or unlogged (for a bulk load). */
  async setLogged(projection: Projection, generation: Generation, logged: boolean): Promise<void> {
    for (const table of projection.tables) {
      await this.dataSource.query(
        `ALTER TABLE ${qualifiedTable(generation.schema, table)} SET ${logged ? 'LOGGED' : 'UNLOGGED'}`,
      );
    }
  }

  /**
   * Vacuums and analyses the generation's tables before queries read them: a bulk write leaves no statistics (the
   * planner would expect a handful of rows) and, without autovacuum, dead rows.
   */
  async analyse(projection: Projection, generation: Generation): Promise<void> {
    for (const table of projection.tables) {
      await this.dataSource.query(`VACUUM (ANALYZE) ${qualifiedTable(generation.schema, table)}`);
    }
  }

  private async unloggedTables(generation: Generation): Promise<number> {
    const rows = await this.dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = $1 AND c.relkind = 'r' AND c.relpersistence = 'u'`,
      [generation.schema],
    );
    return rows[0]?.n ?? 0;
  }

  private async createIn(qr: QueryRunner, projection: Projection, status: GenerationStatus): Promise<number> {
    const next = (await qr.query(
      `SELECT coalesce(max(generation), 0) + 1 AS next FROM projection_generations WHERE name = $1`,
      [projection.name],
    )) as Array<{ next: number }>;
    const generation = Number(next[0]!.next);
    const schema = schemaNameFor(projection.name, generation);
    await qr.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
    await qr.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    for (const table of projection.tables) {
      await qr.query(
        `CREATE TABLE ${qualifiedTable(schema, table)} (LIKE ${qualifiedTable('read_model_template', table)} INCLUDING ALL)`,
      );
    }
    await qr.query(
      `INSERT INTO projection_generations (name, generation, version, schema_name, status, activated_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'active' THEN now() END)`,
      [projection.name, generation, projection.version, schema, status],
    );
    return generation;
  }

  private async inTransaction<T>(work: (qr: QueryRunner) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      const result = await work(qr);
      await qr.commitTransaction();
      return result;
    } catch (error) {
      await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }
}
