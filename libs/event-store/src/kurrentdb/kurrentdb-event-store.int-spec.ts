/** The KurrentDB adapter without a server: every operation reports EventStoreUnavailableError, waits stay bounded. */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError, ExpectedVersion } from '../event-store.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('KurrentDB event store with no server', () => {
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    store = KurrentDbEventStore.fromConnectionString(
      `kurrentdb://127.0.0.1:${await closedPort()}?tls=false&maxDiscoverAttempts=1&discoveryInterval=10`,
    );
  });

  afterAll(async () => {
    await store.close();
  });

  it('reports every operation as unavailable', async () => {
    const event = { eventId: randomUUID(), type: 'ReviewHeld', data: {} };
    await expect(store.appendToStream('ehcp-case-x-1', [event], ExpectedVersion.any)).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await expect(store.readStream('ehcp-case-x-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.streamVersion('ehcp-case-x-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.readAll(0n, 10)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
  }, 60_000);

  it('rejects an eventId that is not a UUID before reaching the server', async () => {
    await expect(
      store.appendToStream('ehcp-case-x-1', [{ eventId: 'nope', type: 'T', data: {} }], ExpectedVersion.any),
    ).rejects.toThrow(/not a UUID/);
  });
});
