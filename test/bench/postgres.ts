import pg from 'pg';

/** The PostgreSQL server the benchmark runs against (trust auth on loopback, as in the test setup). */
export const PG_HOST = '127.0.0.1';
export const PG_PORT = 5432;
export const PG_USER = 'postgres';

export function connectionStringFor(database: string): string {
  return `postgresql://${PG_USER}@${PG_HOST}:${PG_PORT}/${database}`;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionStringFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** Creates an empty database with a unique name; returns its name. */
export async function createDatabase(label: string): Promise<string> {
  counter += 1;
  const name = `bench_${label.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
}

/** One short-lived client for a few statements. */
export async function withClient<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionStringFor(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether the server is up; the benchmark cannot start it for the user. */
export async function serverVersion(): Promise<string> {
  return withAdmin(async (client) => {
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
}
