import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/services.js';
import { AuditLog, type AuditRecord } from './audit-log.js';

function record(n: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    subject: `user-${n}`,
    clientId: undefined,
    roles: ['manager'],
    method: 'GET',
    route: '/api/v1/las/:la/cases/:caseId/clock',
    la: '202',
    caseIds: [`C${n}`],
    caseCount: 1,
    status: 200,
    ...overrides,
  };
}

describe('the audit log on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let inserts = 0;
  const recorded: AuditRecord[] = [];
  let audit: AuditLog;

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    // pool.end() does not wait for its clients' connections to close, so dropping the database at the end may still
    // end one of them: an error of an idle client, which must not fail the run.
    pool.on('error', () => undefined);
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    // Counts the INSERTs the log sends, on the real database.
    (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].includes('INSERT INTO audit_records')) inserts += 1;
      return query(...args);
    };
    audit = new AuditLog(pool, (r) => recorded.push(r));
    await audit.migrate();
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('stores every record asked for at once, in fewer writes than records, each answered once stored', async () => {
    inserts = 0;
    const records = Array.from({ length: 60 }, (_, n) => record(n));
    await Promise.all(records.map((r) => audit.record(r)));
    const { rows } = await pool.query<{ subject: string; case_ids: string[] }>(
      `SELECT subject, case_ids FROM audit_records WHERE subject LIKE 'user-%' ORDER BY id`,
    );
    expect(rows.map((row) => row.subject).sort()).toEqual(records.map((r) => r.subject).sort());
    expect(rows.find((row) => row.subject === 'user-7')?.case_ids).toEqual(['C7']);
    expect(inserts).toBeGreaterThan(0);
    expect(inserts).toBeLessThan(records.length);
    expect(recorded).toHaveLength(records.length);
  });

  it('fails only the record that cannot be stored when records are written together', async () => {
    const good = [record(100), record(101)];
    const bad = record(102, { subject: null as unknown as string });
    const outcomes = await Promise.allSettled([audit.record(good[0]!), audit.record(bad), audit.record(good[1]!)]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const { rows } = await pool.query<{ subject: string }>(
      `SELECT subject FROM audit_records WHERE subject IN ('user-100', 'user-101', 'user-102') ORDER BY subject`,
    );
    expect(rows.map((row) => row.subject)).toEqual(['user-100', 'user-101']);
  });
});
