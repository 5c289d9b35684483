import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#event-store';
import { streamNameFor } from '#pathway';
import { BUMP_LA_REVISION_SQL } from '#projections';
import { EVENT_STORE, PG_POOL } from '../storage/tokens.js';
import { ERASED_CASES, ErasedCases } from './erased-cases.js';

export interface ErasureOutcome {
  readonly la: string;
  readonly caseId: string;
  readonly eventsErased: number;
  readonly readModelRowsErased: number;
}

const READ_MODEL_TABLES = ['case_events', 'case_clock', 'case_facts'];
/** How long an erasure waits for a projector batch in flight (which may have read the case) to commit. */
const IN_FLIGHT_MS = 1500;

/** Erases one case everywhere: its events, its read-model rows in every generation, and leaves a tombstone. */
@Injectable()
export class ErasureService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(ERASED_CASES) private readonly erased: ErasedCases,
  ) {}

  async erase(la: string, caseId: string): Promise<ErasureOutcome> {
    const stream = streamNameFor(la, caseId);
    // The tombstone first: from here on no new fact for the case is stored.
    await this.erased.add(stream);
    const eventsErased = await this.store.eraseStream(stream);
    let readModelRowsErased = await this.eraseReadModels(la, caseId);
    // A projector batch read before the events went may still write the case's rows: erase again after it.
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_MS));
    readModelRowsErased += await this.eraseReadModels(la, caseId);
    return { la, caseId, eventsErased, readModelRowsErased };
  }

  private async eraseReadModels(la: string, caseId: string): Promise<number> {
    const { rows } = await this.pool.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_name = ANY($1) AND table_schema <> 'read_model_template'`,
      [READ_MODEL_TABLES],
    );
    let erased = 0;
    for (const { table_schema, table_name } of rows) {
      const table = `"${table_schema.replace(/"/g, '""')}"."${table_name.replace(/"/g, '""')}"`;
      const result = await this.pool.query(`DELETE FROM ${table} WHERE la = $1 AND case_id = $2`, [la, caseId]);
      erased += result.rowCount ?? 0;
    }
    // Answers cached under the LA's revision were computed from the rows just deleted.
    await this.pool.query(BUMP_LA_REVISION_SQL, [la]);
    return erased;
  }
}
