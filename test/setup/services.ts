/**
 * The real services the integration and end-to-end tiers talk to: PostgreSQL on 127.0.0.1:5432 (trust auth,
 * user postgres) and a Kafka broker (KAFKA_BROKERS, set by the global setup when it starts the local one).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A connection string with rights to create and drop databases. */
export function pgAdminUrl(): string {
  return process.env['PG_ADMIN_URL'] ?? DEFAULT_PG_ADMIN_URL;
}

/** A name no other test run uses: `<prefix>_<time>_<random>`, lower case, safe as a database, topic or group. */
export function uniqueName(prefix: string): string {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  return `${safePrefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

/** Creates an empty database with a random name on the admin server; the caller drops it when done. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const adminUrl = pgAdminUrl();
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withAdminClient(adminUrl, async (client) => {
        // Pools close their connections asynchronously: wait for them (bounded) so that FORCE only ends a leak,
        // never a connection that is still closing and would report the termination as an unhandled error.
        for (let i = 0; i < 50; i++) {
          const { rows } = await client.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      }).then(() => undefined),
  };
}

/** The Kafka bootstrap brokers; fails loudly when none are configured rather than letting a test skip. */
export function kafkaBrokers(): string[] {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  if (brokers.length === 0) {
    throw new Error(
      'KAFKA_BROKERS is not set: the test setup starts a local broker with infra/kafka/kafka.sh; see its output',
    );
  }
  return brokers;
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
