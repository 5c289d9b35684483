import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../../apps/ehcp-monitor/src/bootstrap.js';
import { loadConfig } from '../../../apps/ehcp-monitor/src/config/config.js';
import { LA_CODES } from '#synthetic';
import { mintToken } from '#http';
import { builtInIssuerOptions } from '../../../apps/ehcp-monitor/src/identity/identity.module.js';
import { createTestDatabase, type TestDatabase } from '../../setup/services.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** Listens on a loopback port (ephemeral by default) and answers the base URL, for clients that need a socket. */
  listen(port?: number): Promise<string>;
  /** Answers as the caller of `token` (default: a manager, case system and admin of every LA). */
  inject(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; headers: Record<string, unknown>; json: any }>;
  /** An access token from the app's built-in issuer. */
  token(roles: readonly string[], las?: readonly string[]): Promise<string>;
  /** The default token `inject` sends. */
  readonly defaultToken: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The service on a fresh PostgreSQL database (or embedded PGlite in `dataDir`), answering through Fastify's inject. */
export async function startTestApp(
  options: { embeddedDataDir?: string; env?: Record<string, string>; logDestination?: DestinationStream } = {},
): Promise<TestApp & { database?: TestDatabase }> {
  const database = options.embeddedDataDir === undefined ? await createTestDatabase('e2e') : undefined;
  const ownDataDir = options.embeddedDataDir === undefined ? tempDataDir() : undefined;
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...(database ? { DATABASE_URL: database.url, DATA_DIR: ownDataDir!.dir } : { DATA_DIR: options.embeddedDataDir! }),
    ...options.env,
  });
  const app = await createApp(config, options.logDestination ? { logDestination: options.logDestination } : {});
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const token = async (roles: readonly string[], las: readonly string[] = LA_CODES) =>
    (await mintToken(builtInIssuerOptions(config), roles, las)).accessToken;
  const defaultToken = await token(['manager', 'case-system', 'admin']);
  return {
    app,
    token,
    defaultToken,
    dataDir: config.dataDir,
    ...(database ? { database } : {}),
    async listen(port = 0) {
      await app.listen(port, '127.0.0.1');
      const address = app.getHttpServer().address();
      if (address === null || typeof address === 'string') throw new Error('the app did not listen on a port');
      return `http://127.0.0.1:${address.port}`;
    },
    async inject(method, url, body, bearer = defaultToken) {
      const response = await app.inject({
        method,
        url,
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        },
      });
      let json: unknown;
      try {
        json = response.json();
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, headers: response.headers, json };
    },
    async close() {
      await app.close();
      await database?.drop();
      ownDataDir?.remove();
    },
  };
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ehcp-data-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid fact for case `caseId` of LA 202. */
export function fact(
  caseId: string,
  type: string,
  occurredOn: string,
  data: Record<string, unknown> = {},
  eventId: string = randomUUID(),
): Record<string, unknown> {
  return { eventId, caseId, la: '202', type, occurredOn, source: 'e2e', data };
}
