import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import pg from 'pg';
import { createTestDatabase, kafkaBrokers, uniqueName } from './services.js';

describe('test services', () => {
  it('creates an isolated database that accepts connections and drops it again', async () => {
    const database = await createTestDatabase('services_check');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.end();
    expect(rows[0]?.name).toBe(database.name);

    await database.drop();
    const admin = new pg.Client({ connectionString: database.url.replace(database.name, 'postgres') });
    await admin.connect();
    const remaining = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database.name]);
    await admin.end();
    expect(remaining.rowCount).toBe(0);
  });

  it('gives each caller a distinct name', () => {
    const names = new Set(Array.from({ length: 50 }, () => uniqueName('Topic-A')));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^topic_a_[a-z0-9]+_[0-9a-f]{8}$/);
  });

  it('sees the Kafka broker the global setup provided', async () => {
    const [first] = kafkaBrokers();
    const [host, port] = first!.split(':');
    const answered = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: host!, port: Number(port), timeout: 3_000 });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    expect(answered).toBe(true);
  });
});
