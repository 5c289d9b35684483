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

/** The local broker's SCRAM-SHA-512 listeners (plain and TLS) and its development user, as the global setup found them. */
export interface ScramBroker {
  readonly brokers: string[];
  readonly tlsBrokers: string[];
  /** The PEM of the TLS listener's self-signed certificate. */
  readonly caFile: string;
  readonly username: string;
  readonly password: string;
}

/**
 * The SCRAM listeners of the local broker (KAFKA_SCRAM_BROKERS, KAFKA_SCRAM_TLS_BROKERS, KAFKA_SCRAM_CA_FILE,
 * KAFKA_SCRAM_USER, KAFKA_SCRAM_PASSWORD, exported by the global setup); fails loudly when they are missing.
 */
export function scramBroker(): ScramBroker {
  const list = (name: string) =>
    (process.env[name] ?? '')
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0);
  const brokers = list('KAFKA_SCRAM_BROKERS');
  const tlsBrokers = list('KAFKA_SCRAM_TLS_BROKERS');
  const caFile = process.env['KAFKA_SCRAM_CA_FILE'] ?? '';
  if (brokers.length === 0 || tlsBrokers.length === 0 || caFile === '') {
    throw new Error(
      'KAFKA_SCRAM_BROKERS, KAFKA_SCRAM_TLS_BROKERS or KAFKA_SCRAM_CA_FILE is not set: the test setup exports them when ' +
        'the local broker (infra/kafka/kafka.sh) answers on its SCRAM ports; a broker started by an older script has none (restart it)',
    );
  }
  return {
    brokers,
    tlsBrokers,
    caFile,
    username: process.env['KAFKA_SCRAM_USER'] ?? 'ehcp-dev',
    password: process.env['KAFKA_SCRAM_PASSWORD'] ?? 'ehcp-dev-secret',
  };
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
