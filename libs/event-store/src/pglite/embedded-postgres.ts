import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { SessionQueue } from './session-queue.js';

export interface EmbeddedPostgresOptions {
  /** Folder holding the database; created on first start, reopened (with its data) afterwards. */
  readonly dataDir: string;
  /** A TCP port on 127.0.0.1 (0: an ephemeral one); unset, the server listens on a private Unix socket instead. */
  readonly port?: number;
  /** Client connections the socket server accepts at once (default 16). */
  readonly maxConnections?: number;
  /** PGlite extensions to load (e.g. uuid_ossp or pgcrypto for an ORM's uuid generation). */
  readonly extensions?: PGliteOptions['extensions'];
}

export interface EmbeddedPostgres {
  /** For pg, TypeORM or psql: the private Unix socket's folder as `host`, or `127.0.0.1:<port>` with a port. */
  readonly connectionString: string;
  /** The TCP port, or 0 on a Unix socket. */
  readonly port: number;
  /** The in-process database, for callers that want it directly. */
  readonly db: PGlite;
  /** Stops serving and closes the database (end client pools first). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens PGlite (PostgreSQL in WebAssembly) in a data folder and serves it on 127.0.0.1 over the PostgreSQL wire
 * protocol, so that `pg` and ORMs connect as to any server. pglite-socket's connection handler speaks the protocol;
 * the queue that feeds PGlite is this library's SessionQueue, which keeps each connection's exchange together.
 *
 * All connections share ONE database session: a transaction open on one connection holds every other connection's
 * queries until it ends, session state (prepared statement names, settings, advisory locks) is shared, and
 * LISTEN/NOTIFY does not reach other connections. Use few pooled connections, never make a transaction wait on
 * another connection, and poll instead of listening.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir, options.extensions ? { extensions: options.extensions } : {});
  const queue = new SessionQueue(db);
  const maxConnections = options.maxConnections ?? 16;
  const handlers = new Set<PGLiteSocketHandler>();

  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= maxConnections) {
      socket.end('Too many connections\n');
      return;
    }
    const handler = new PGLiteSocketHandler({
      // SessionQueue provides the methods the handler calls on pglite-socket's (non-exported) queue class.
      queryQueue: queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = (): void => void handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  // Without a port, a Unix socket in a fresh folder only this user may enter (0700): no other local user can reach
  // the embedded server, which takes every connection as its superuser.
  const socketDir = options.port === undefined ? mkdtempSync(join(tmpdir(), 'ehcp-pglite-')) : undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const listening = () => {
        server.off('error', reject);
        resolve();
      };
      if (socketDir !== undefined) server.listen(join(socketDir, '.s.PGSQL.5432'), listening);
      else server.listen(options.port, '127.0.0.1', listening);
    });
  } catch (error) {
    if (socketDir !== undefined) rmSync(socketDir, { recursive: true, force: true });
    await db.close();
    throw error;
  }
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;

  let closing: Promise<void> | undefined;
  return {
    connectionString:
      socketDir === undefined
        ? `postgresql://postgres@127.0.0.1:${port}/postgres`
        : `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    port,
    db,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([...handlers].map((handler) => handler.detach(true)));
        handlers.clear();
        await stopped;
        if (!db.closed) await db.close();
        if (socketDir !== undefined) rmSync(socketDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
