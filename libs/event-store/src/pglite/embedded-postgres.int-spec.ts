import { statSync } from 'node:fs';
/** The embedded database served over the wire protocol: shared by the event store and other clients, durable. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ExpectedVersion } from '../event-store.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { createPgliteEventStore } from './pglite-event-store.js';

describe('embedded PostgreSQL (PGlite)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'es-embedded-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the event store and another pool at once, and keeps both their data across a restart', async () => {
    const stream = `ehcp-case-test-${randomUUID()}`;
    const ids = Array.from({ length: 30 }, () => randomUUID());

    const first = await startEmbeddedPostgres({ dataDir });
    // Reachable by this user only: a Unix socket in a 0700 folder, no TCP port any local user could connect to.
    expect(first.port).toBe(0);
    const socketDir = decodeURIComponent(/[?&]host=([^&]+)/.exec(first.connectionString)![1]!);
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(socketDir, '.s.PGSQL.5432')).isSocket()).toBe(true);
    const store = await createPgliteEventStore({ embedded: first });
    const other = new pg.Pool({ connectionString: first.connectionString, max: 3 });
    await other.query('create table read_model_rows (id int primary key, label text not null)');

    // Appends, other clients' transactions and differently shaped parameterised queries interleave.
    const appends = (async () => {
      for (const [index, eventId] of ids.entries()) {
        await store.appendToStream(stream, [{ eventId, type: 'T', data: { index } }], ExpectedVersion.exact(index - 1));
      }
    })();
    const otherWork = Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        if (index % 3 === 0) {
          const client = await other.connect();
          try {
            await client.query('begin');
            await client.query('insert into read_model_rows (id, label) values ($1, $2)', [index, `row ${index}`]);
            await client.query('commit');
          } finally {
            client.release();
          }
          return;
        }
        const result =
          index % 3 === 1
            ? await other.query<{ n: number; s: string }>('select $1::int as n, $2::text as s', [index, `s${index}`])
            : await other.query<{ n: number; s: string }>('select $2::int as n, $1::text as s', [`s${index}`, index]);
        expect(result.rows[0]).toEqual({ n: index, s: `s${index}` });
      }),
    );
    await Promise.all([appends, otherWork]);
    await store.close();
    await other.end();
    await first.close();
    await first.close();

    const second = await startEmbeddedPostgres({ dataDir });
    const reopened = await createPgliteEventStore({ embedded: second });
    const pool = new pg.Pool({ connectionString: second.connectionString, max: 1 });
    try {
      expect((await reopened.readStream(stream)).map((event) => event.eventId)).toEqual(ids);
      expect((await pool.query('select count(*)::int as n from read_model_rows')).rows[0]).toEqual({ n: 20 });
    } finally {
      await reopened.close();
      await pool.end();
      await second.close();
    }
  }, 60_000);
});
