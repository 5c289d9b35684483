import { mkdirSync } from 'node:fs';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgresOptions {
  /** Folder holding the database; created on first start, reopened (with its data) afterwards. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1 (default 0: an ephemeral port, see connectionString). */
  readonly port?: number;
  /** Client connections the socket server accepts at once (default 16). */
  readonly maxConnections?: number;
  /** PGlite extensions to load (e.g. uuid_ossp or pgcrypto for an ORM's uuid generation). */
  readonly extensions?: PGliteOptions['extensions'];
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`, for pg, TypeORM or psql. */
  readonly connectionString: string;
  readonly port: number;
  /** The in-process database, for callers that want it directly. */
  readonly db: PGlite;
  /** Stops serving and closes the database (end client pools first). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens PGlite (PostgreSQL in WebAssembly) in a data folder and serves it on 127.0.0.1 over the PostgreSQL wire
 * protocol, so that `pg` and ORMs connect as to any server.
 *
 * All connections share ONE database session: a transaction open on one connection holds every other connection's
 * queries until it ends, session state (prepared statement names, settings, advisory locks) is shared, and
 * LISTEN/NOTIFY does not reach other connections. Use few pooled connections, never make a transaction wait on
 * another connection, and poll instead of listening.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir, options.extensions ? { extensions: options.extensions } : {});
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 16,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(':').at(-1));
  let closing: Promise<void> | undefined;
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    db,
    close() {
      closing ??= (async () => {
        await server.stop();
        if (!db.closed) await db.close();
      })();
      return closing;
    },
  };
}
