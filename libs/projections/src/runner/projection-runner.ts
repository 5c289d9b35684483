import type { DataSource } from 'typeorm';
import type { EventStore, StoredEvent } from '#event-store';
import { CASE_STREAM_PREFIX, fromStoredShape } from '#pathway';
import { writeRows, type BulkWriteMode } from './bulk-writer.js';
import { Generations, type Generation } from './generations.js';
import { recordLaPositions } from './la-revisions.js';
import {
  qualifiedTable,
  type BulkRebuild,
  type PositionedEvent,
  type Projection,
  type ProjectionTransaction,
} from './projection.js';
import { ProjectorProgress } from './progress.js';

export interface RunnerLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events read from the store per transaction (default 1,000). */
  readonly batchSize?: number;
  /**
   * Events per transaction while rebuilding (default 5,000): larger batches recompute a case once for more of its
   * events, and nothing reads the generation being built, so a longer transaction costs no freshness.
   */
  readonly rebuildBatchSize?: number;
  /** How long the loop waits for new events when caught up (default 1,000 ms). */
  readonly idleWaitMs?: number;
  /** How a rebuild writes its rows: `copy` on a PostgreSQL server, `insert` (the default) on embedded PGlite. */
  readonly bulkWrite?: BulkWriteMode;
  /**
   * The event store's tables are in the read models' database (the PostgreSQL event store on the same connection):
   * a rebuild then loads the events table to table on the server, where the projection can. Default false.
   */
  readonly storeInSameDatabase?: boolean;
  readonly logger?: RunnerLogger;
}

export interface ProjectionLag {
  readonly projection: string;
  readonly generation: number;
  readonly checkpoint: string;
  readonly headPosition: string;
  /** Head minus checkpoint: an upper bound on the events not yet folded (positions may have gaps). */
  readonly positionsBehind: string;
  /** Age of the oldest event not yet folded; 0 when caught up. */
  readonly secondsBehind: number;
  readonly rebuilding?: { readonly generation: number; readonly checkpoint: string };
}

export interface RebuildResult {
  readonly generation: number;
  readonly events: number;
  readonly seconds: number;
  readonly swapped: boolean;
}

/** Another runner moved the checkpoint since this batch was read: the batch is rolled back. */
export class CheckpointConflictError extends Error {
  constructor(projection: string, generation: number, expected: bigint) {
    super(`checkpoint of ${projection} generation ${generation} is no longer ${expected}`);
    this.name = 'CheckpointConflictError';
  }
}

/** Events per transaction of a load in the database: nothing crosses to the service, so pages can be large. */
const DATABASE_LOAD_PAGE = 50_000;

/**
 * Feeds one projection from the event store in global order. Each batch is read from the store first, then folded
 * and checkpointed in ONE transaction on the read-model database; the checkpoint update only succeeds if the stored
 * position is still the one the batch started from (Emmett's storeProcessorCheckpoint), so two runners never both
 * apply a batch. A crash loses at most the uncommitted batch, which the idempotent fold replays.
 */
export class ProjectionRunner {
  private readonly generations: Generations;
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly idleWaitMs: number;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private rebuildInProgress: Promise<RebuildResult> | undefined;
  /** What the live loop last did, kept in memory so that health checks need no query. */
  readonly progress = new ProjectorProgress();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.generations = new Generations(dataSource);
    this.batchSize = options.batchSize ?? 1000;
    this.rebuildBatchSize = options.rebuildBatchSize ?? Math.max(this.batchSize, 5000);
    this.idleWaitMs = options.idleWaitMs ?? 1000;
  }

  /** A rebuild is running in this process. */
  get rebuilding(): boolean {
    return this.rebuildInProgress !== undefined;
  }

  /** The generation queries read; created empty on first use. */
  activeGeneration(): Promise<Generation> {
    return this.generations.ensureActive(this.projection);
  }

  /** Folds one batch into `generation` (the active one by default). Returns the number of events read. */
  async runBatch(generation?: Generation, batchSize = this.batchSize): Promise<number> {
    const target = generation ?? (await this.activeGeneration());
    // Read the store before opening the transaction: in embedded mode a read inside it would wait on itself.
    const read = await this.store.readAll(target.position, batchSize);
    await this.applyBatch(target, read.events, read.checkpoint, (batch, tx) => this.projection.handle(batch, tx));
    if (target.status === 'active') {
      this.progress.folded(read.events, read.checkpoint, batchSize);
      if (this.progress.behind) this.lookUpHead();
    }
    return read.events.length;
  }

  private headLookedUpAt = 0;

  /** While behind, the store's head for the progress report, at most every 2 s and never awaited by the loop. */
  private lookUpHead(): void {
    const now = Date.now();
    if (now - this.headLookedUpAt < 2_000) return;
    this.headLookedUpAt = now;
    this.store.headPosition().then(
      (head) => this.progress.sawHead(head),
      () => undefined,
    );
  }

  /**
   * In one transaction: `work` on the batch's case events, the LAs' positions and revisions, and the checkpoint,
   * which moves only if it is still where the batch started.
   */
  private async applyBatch(
    target: Generation,
    events: readonly StoredEvent[],
    checkpoint: bigint,
    work: (batch: readonly PositionedEvent[], tx: ProjectionTransaction) => Promise<void>,
  ): Promise<void> {
    if (events.length === 0) return;
    const batch = events.filter((e) => e.streamName.startsWith(CASE_STREAM_PREFIX)).map(positioned);
    await this.inTransaction(target, async (tx) => {
      if (batch.length > 0) {
        await work(batch, tx);
        await recordLaPositions(tx.queryRunner, this.projection.name, target.generation, lastPositionPerLa(batch));
      }
      await this.moveCheckpoint(tx, target, checkpoint);
    });
  }

  /** Moves the generation's checkpoint in `tx`, only if it is still where the batch started. */
  private async moveCheckpoint(tx: ProjectionTransaction, target: Generation, checkpoint: bigint): Promise<void> {
    const result = await tx.queryRunner.query(
      `UPDATE projection_generations SET position = $3, updated_at = now()
       WHERE name = $1 AND generation = $2 AND position = $4`,
      [this.projection.name, target.generation, checkpoint.toString(), target.position.toString()],
      true,
    );
    if (result.affected !== 1) {
      throw new CheckpointConflictError(this.projection.name, target.generation, target.position);
    }
  }

  private async inTransaction<T>(target: Generation, work: (tx: ProjectionTransaction) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    const mode = this.options.bulkWrite ?? 'insert';
    try {
      const result = await work({
        queryRunner: qr,
        schema: target.schema,
        table: (name) => qualifiedTable(target.schema, name),
        writeRows: (table, columns, rows) => writeRows(qr, mode, table, columns, rows),
      });
      await qr.commitTransaction();
      return result;
    } catch (error) {
      await qr.rollbackTransaction();
      throw error;
    } finally {
      await qr.release();
    }
  }

  /** Folds batches until the store has nothing newer. Returns the number of events read. */
  async catchUp(generation?: Generation): Promise<number> {
    let total = 0;
    for (;;) {
      const target =
        generation === undefined
          ? await this.activeGeneration()
          : await this.generations.get(generation.name, generation.generation);
      if (target === undefined) return total;
      const read = await this.runBatch(target, generation === undefined ? this.batchSize : this.rebuildBatchSize);
      if (read === 0) return total;
      total += read;
    }
  }

  /**
   * Follows the store until stopped. If the active generation was built by another version of the projection, a
   * rebuild starts in the background while the old generation keeps being served, unchanged, until the swap.
   */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = false;
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    this.loop = undefined;
    await this.rebuildInProgress?.catch(() => undefined);
  }

  /**
   * Replays the projection from zero into a fresh generation, then swaps it in with one transaction. Until the swap
   * queries keep reading the active generation, so they never see half-built figures. An interrupted rebuild
   * resumes from its own checkpoint on the next call.
   */
  rebuild(): Promise<RebuildResult> {
    this.rebuildInProgress ??= this.doRebuild().finally(() => {
      this.rebuildInProgress = undefined;
    });
    return this.rebuildInProgress;
  }

  async lag(): Promise<ProjectionLag> {
    const active = await this.activeGeneration();
    const head = await this.store.headPosition();
    const behind = head > active.position ? head - active.position : 0n;
    let secondsBehind = 0;
    if (behind > 0n) {
      const next = await this.store.readAll(active.position, 1);
      const oldest = next.events[0];
      if (oldest !== undefined) {
        secondsBehind = Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000);
      }
    }
    const building = (await this.generations.list(this.projection.name)).find((g) => g.status === 'building');
    return {
      projection: this.projection.name,
      generation: active.generation,
      checkpoint: active.position.toString(),
      headPosition: head.toString(),
      positionsBehind: behind.toString(),
      secondsBehind: Math.round(secondsBehind * 10) / 10,
      ...(building === undefined
        ? {}
        : { rebuilding: { generation: building.generation, checkpoint: building.position.toString() } }),
    };
  }

  private async doRebuild(): Promise<RebuildResult> {
    const started = Date.now();
    const previous = await this.generations.active(this.projection.name);
    let building = await this.generations.building(this.projection);
    this.options.logger?.log(`rebuilding ${this.projection.name} into generation ${building.generation}`);
    let events = 0;
    const bulk = this.projection.bulk;
    if (bulk !== undefined) {
      // Unlogged tables lose their rows in a crash while the checkpoint (logged) keeps its place: a generation found
      // unlogged is loaded again from zero.
      building = await this.generations.prepareBulkLoad(this.projection, building);
      const inDatabase = this.options.storeInSameDatabase === true ? bulk.loadInDatabase?.bind(bulk) : undefined;
      events += await (inDatabase !== undefined
        ? this.loadInDatabase(building, inDatabase)
        : this.load(building, bulk.load.bind(bulk)));
      this.options.logger?.log(`rebuild of ${this.projection.name} loaded ${events} events in ${since(started)} s`);
      const target = (await this.generations.get(building.name, building.generation))!;
      const cases = await bulk.foldAll({
        inTransaction: (work) => this.inTransaction(target, work),
        read: (sql, parameters) => this.dataSource.query(sql, [...parameters]),
        table: (name) => qualifiedTable(target.schema, name),
      });
      this.options.logger?.log(`rebuild of ${this.projection.name} folded ${cases} cases by ${since(started)} s`);
      await this.generations.setLogged(this.projection, target, true);
    }
    // Catch up, then swap; a batch that lands between the two is folded by the live loop into the new generation.
    events += await this.catchUp(building);
    this.options.logger?.log(`rebuild of ${this.projection.name} caught up by ${since(started)} s`);
    await this.generations.analyse(this.projection, building);
    const swapped = await this.generations.swap(this.projection.name, building.generation, previous?.generation);
    if (swapped) await this.generations.dropRetired(this.projection.name);
    const seconds = (Date.now() - started) / 1000;
    this.options.logger?.log(
      `rebuilt ${this.projection.name} generation ${building.generation}: ${events} events in ${seconds.toFixed(1)} s`,
    );
    return { generation: building.generation, events, seconds, swapped };
  }

  /**
   * The rebuild's first pass: pages of events stored through the projection's bulk `load`, each page with its
   * checkpoint in one transaction; the next page is read while the current one is written.
   */
  private async load(
    building: Generation,
    load: (batch: readonly PositionedEvent[], tx: ProjectionTransaction) => Promise<void>,
  ): Promise<number> {
    let target = building;
    let total = 0;
    let next = this.store.readAll(target.position, this.rebuildBatchSize);
    for (;;) {
      const page = await next;
      if (page.events.length === 0) return total;
      next = this.store.readAll(page.checkpoint, this.rebuildBatchSize);
      // The read ahead is awaited on the next turn; a failure of this page leaves it settled, never unhandled.
      next.catch(() => undefined);
      await this.applyBatch(target, page.events, page.checkpoint, load);
      total += page.events.length;
      target = { ...target, position: page.checkpoint };
    }
  }

  /**
   * The rebuild's first pass when the store's tables are in this database: each page goes table to table on the
   * server, with its LA positions and checkpoint, in one transaction.
   */
  private async loadInDatabase(
    building: Generation,
    loadPage: NonNullable<BulkRebuild['loadInDatabase']>,
  ): Promise<number> {
    let target = building;
    let total = 0;
    for (;;) {
      const from = target;
      const page = await this.inTransaction(from, async (tx) => {
        const loaded = await loadPage(tx, from.position, DATABASE_LOAD_PAGE);
        if (loaded.read > 0) {
          await recordLaPositions(tx.queryRunner, this.projection.name, from.generation, loaded.lastPositionPerLa);
          await this.moveCheckpoint(tx, from, loaded.checkpoint);
        }
        return loaded;
      });
      if (page.read === 0) return total;
      total += page.read;
      target = { ...target, position: page.checkpoint };
    }
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const active = await this.activeGeneration();
        if (active.version !== this.projection.version) {
          // The served generation was built by another version of the fold (or other settings). Folding new events
          // into it with this version would mix two definitions in one set of figures, so it stays as it is, and is
          // served, until the rebuild swaps in a generation of this version.
          if (this.rebuildInProgress === undefined) void this.rebuild().catch((error: unknown) => this.fail(error));
          this.progress.waiting();
          await sleep(this.idleWaitMs);
          continue;
        }
        const read = await this.runBatch(active);
        failures = 0;
        if (read === 0) await this.store.waitForEvents(active.position, this.idleWaitMs);
      } catch (error) {
        if (!(error instanceof CheckpointConflictError)) this.fail(error);
        failures += 1;
        await sleep(Math.min(30_000, 200 * 2 ** Math.min(failures, 8)));
      }
    }
  }

  private fail(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.options.logger?.error(`projection ${this.projection.name} failed: ${message}`);
  }
}

function positioned(stored: StoredEvent): PositionedEvent {
  return {
    position: stored.globalPosition,
    recordedAt: stored.recordedAt,
    event: fromStoredShape({ ...stored, recordedAt: stored.recordedAt }),
  };
}

function lastPositionPerLa(batch: readonly PositionedEvent[]): Map<string, bigint> {
  const positions = new Map<string, bigint>();
  for (const entry of batch) positions.set(entry.event.la, entry.position);
  return positions;
}

/** Seconds since `started` (a Date.now()), one decimal. */
function since(started: number): string {
  return ((Date.now() - started) / 1000).toFixed(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
