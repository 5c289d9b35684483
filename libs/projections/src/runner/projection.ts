import type { QueryRunner } from 'typeorm';
import type { PathwayEvent } from '#pathway';

/** A pathway event with its place in the store's global order and the instant the store recorded it. */
export interface PositionedEvent {
  readonly position: bigint;
  readonly recordedAt: string;
  readonly event: PathwayEvent;
}

/** What a projection writes through: the open transaction and the schema of the generation being written. */
export interface ProjectionTransaction {
  readonly queryRunner: QueryRunner;
  /** The generation's schema, e.g. `rm_case_clock_g2` (a safe identifier). */
  readonly schema: string;
  /** A schema-qualified, quoted table name in this generation. */
  table(name: string): string;
  /** Writes many rows at once (COPY on a server, multi-row INSERT on embedded PGlite); objects go as JSON. */
  writeRows(table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): Promise<void>;
}

/** What the fold pass of a bulk rebuild works through. */
export interface BulkFold {
  /** Runs `work` in a transaction on the generation being built. */
  inTransaction<T>(work: (tx: ProjectionTransaction) => Promise<T>): Promise<T>;
  /**
   * Reads what the load committed, outside those transactions (on a connection of its own where the pool has one
   * to spare), so the next page can be read while the current one is folded and written.
   */
  read<T>(sql: string, parameters: readonly unknown[]): Promise<T[]>;
  /** A schema-qualified, quoted table name in the generation being built. */
  table(name: string): string;
}

/**
 * A projection's bulk path for a rebuild, which folds each case once instead of once per batch: `load` stores each
 * page of events as it is read (no folding), then `foldAll` folds everything loaded, in transactions of its own
 * choosing, and returns the number of cases folded. Events after the load are folded by `handle` as usual.
 */
export interface BulkRebuild {
  load(batch: readonly PositionedEvent[], tx: ProjectionTransaction): Promise<void>;
  /**
   * `load` done inside the database, when the event store's tables are in the read models' database (the PostgreSQL
   * event store on the same connection): stores the next page of events after `after`, read through the store's own
   * `event_store.read_all`, table to table on the server, and says what it read.
   */
  loadInDatabase?(tx: ProjectionTransaction, after: bigint, limit: number): Promise<LoadedPage>;
  foldAll(fold: BulkFold): Promise<number>;
}

/** What one page of a load in the database read. */
export interface LoadedPage {
  /** Events read, of every stream (0 when the store has nothing after the page's start). */
  readonly read: number;
  /** The last position read. */
  readonly checkpoint: bigint;
  /** Each LA's last case event in the page. */
  readonly lastPositionPerLa: ReadonlyMap<string, bigint>;
}

/**
 * A read model fed by the runner. `handle` must be idempotent: after a crash the runner replays the batch whose
 * transaction did not commit, and a rebuild replays everything from zero. It must not read the event store: in
 * embedded mode every connection shares one session, so a read inside the transaction would wait on itself.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the fold or the tables change: the runner then rebuilds into a new generation. */
  readonly version: number;
  /** The tables of `read_model_template` this projection owns; each generation gets its own copy. */
  readonly tables: readonly string[];
  handle(batch: readonly PositionedEvent[], tx: ProjectionTransaction): Promise<void>;
  /** The rebuild's bulk path; without one a rebuild folds batch by batch through `handle`. */
  readonly bulk?: BulkRebuild;
}

export function quoteIdentifier(identifier: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(identifier)) throw new Error(`unsafe SQL identifier: ${identifier}`);
  return `"${identifier}"`;
}

export function qualifiedTable(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}
