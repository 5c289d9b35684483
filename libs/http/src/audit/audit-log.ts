import type pg from 'pg';

/** One access to personal data or change of state, as kept in `audit_records`. */
export interface AuditRecord {
  readonly subject: string;
  readonly clientId: string | undefined;
  readonly roles: readonly string[];
  readonly method: string;
  /** The route template (e.g. /api/v1/las/:la/cases/:caseId/clock), never the raw URL. */
  readonly route: string;
  readonly la: string | undefined;
  /** The case references returned or changed (at most `MAX_LISTED_CASES`; `caseCount` says how many there were). */
  readonly caseIds: readonly string[];
  readonly caseCount: number;
  /** The HTTP status answered. */
  readonly status: number;
  /** A short reason, e.g. an erasure's (never a payload). */
  readonly detail?: string;
}

export interface StoredAuditRecord extends AuditRecord {
  readonly id: string;
  readonly at: string;
}

export interface AuditQuery {
  readonly la?: string;
  readonly subject?: string;
  readonly caseId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly limit: number;
  /** Records older than this id (paging backwards). */
  readonly before?: string;
}

/** A list of more than this many cases is recorded as a count. */
export const MAX_LISTED_CASES = 100;

/** Most records one INSERT writes (10 parameters each, well inside PostgreSQL's 65,535). */
const MAX_RECORDS_PER_WRITE = 500;

interface PendingRecord {
  readonly record: AuditRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

// Append-only by construction: a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner included.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_records (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  subject text NOT NULL,
  client_id text,
  roles text[] NOT NULL,
  method text NOT NULL,
  route text NOT NULL,
  la text,
  case_ids text[] NOT NULL,
  case_count integer NOT NULL,
  status integer NOT NULL,
  detail text
);
CREATE INDEX IF NOT EXISTS audit_records_la_at ON audit_records (la, at);
CREATE INDEX IF NOT EXISTS audit_records_case_ids ON audit_records USING gin (case_ids);
CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE OR REPLACE TRIGGER audit_records_no_change BEFORE UPDATE OR DELETE ON audit_records
  FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
CREATE OR REPLACE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
  FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM PUBLIC;
`;

/** The audit trail of access to personal data, in the service's database. */
export class AuditLog {
  /** `onRecorded` is told of each record written (for a metric). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly onRecorded: (record: AuditRecord) => void = () => {},
  ) {}

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7262431)');
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Writes one record; resolves once it is stored. Records asked for while a write is under way go together in the
   * next one (one INSERT of many rows), so that under load each request does not cost a round trip of its own; a
   * record is never answered stored before it is. If a shared write fails, each of its records is tried on its own,
   * so one record's failure is that record's alone.
   */
  record(record: AuditRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ record, resolve, reject });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private readonly waiting: PendingRecord[] = [];
  private writing = false;

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_RECORDS_PER_WRITE);
        try {
          await this.insert(batch.map((pending) => pending.record));
          for (const pending of batch) this.settled(pending);
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const pending of batch) {
            await this.insert([pending.record]).then(
              () => this.settled(pending),
              (alone: unknown) => pending.reject(alone),
            );
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private settled(pending: PendingRecord): void {
    pending.resolve();
    this.onRecorded(pending.record);
  }

  private async insert(records: readonly AuditRecord[]): Promise<void> {
    const values: unknown[] = [];
    const rows = records.map((record) => {
      const first = values.length;
      values.push(
        record.subject,
        record.clientId ?? null,
        record.roles,
        record.method,
        record.route,
        record.la ?? null,
        record.caseIds.slice(0, MAX_LISTED_CASES),
        record.caseCount,
        record.status,
        record.detail ?? null,
      );
      return `(${Array.from({ length: 10 }, (_, k) => `$${first + k + 1}`).join(', ')})`;
    });
    await this.pool.query(
      `INSERT INTO audit_records (subject, client_id, roles, method, route, la, case_ids, case_count, status, detail)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async find(query: AuditQuery): Promise<StoredAuditRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (query.la !== undefined) add('la = ?', query.la);
    if (query.subject !== undefined) add('subject = ?', query.subject);
    if (query.caseId !== undefined) add('case_ids @> ARRAY[?]::text[]', query.caseId);
    if (query.from !== undefined) add('at >= ?', query.from);
    if (query.to !== undefined) add('at < ?', query.to);
    if (query.before !== undefined) add('id < ?', query.before);
    values.push(query.limit);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT id::text, at, subject, client_id, roles, method, route, la, case_ids, case_count, status, detail
         FROM audit_records ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((row) => ({
      id: row.id as string,
      at: (row.at as Date).toISOString(),
      subject: row.subject as string,
      clientId: (row.client_id as string | null) ?? undefined,
      roles: row.roles as string[],
      method: row.method as string,
      route: row.route as string,
      la: (row.la as string | null) ?? undefined,
      caseIds: row.case_ids as string[],
      caseCount: row.case_count as number,
      status: row.status as number,
      ...(row.detail === null ? {} : { detail: row.detail as string }),
    }));
  }
}
