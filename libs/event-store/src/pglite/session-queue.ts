/**
 * PGlite has one PostgreSQL session; every client connection of the embedded server feeds it wire-protocol
 * messages through this queue. pglite-socket's own queue keeps a connection's explicit transaction together but
 * interleaves the messages of one extended-protocol exchange (Parse, Bind, Execute ... Sync) with other
 * connections', so one client's Bind can meet another's unnamed statement ("unnamed prepared statement does not
 * exist", or worse, the wrong statement). Here a connection keeps the session from its first message until its
 * exchange ends (Sync, a simple Query, or the startup message) and no transaction is open.
 */

/** The part of PGlite this queue drives. */
export interface PgliteSession {
  runExclusive<T>(work: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void>;
  isInTransaction(): boolean;
  exec(sql: string): Promise<unknown>;
}

interface QueuedMessage {
  readonly connectionId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  readonly resolve: (bytes: number) => void;
  readonly reject: (error: unknown) => void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** Whether the session is free for another connection after this message (outside a transaction). */
export function endsExchange(message: Uint8Array): boolean {
  const type = message[0];
  // Untyped messages (startup, SSL and cancel requests) start with their length, whose first byte is 0.
  return type === undefined || type === 0 || type === SYNC || type === QUERY || type === TERMINATE;
}

/** Drop-in for pglite-socket's query queue (same three methods its connection handler calls). */
export class SessionQueue {
  private queue: QueuedMessage[] = [];
  private processing = false;
  /** The connection that holds the session, mid-exchange or mid-transaction; null when the session is free. */
  private owner: number | null = null;

  constructor(private readonly db: PgliteSession) {}

  enqueue(connectionId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ connectionId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(connectionId: number): void {
    const [dropped, kept] = [
      this.queue.filter((item) => item.connectionId === connectionId),
      this.queue.filter((item) => item.connectionId !== connectionId),
    ];
    this.queue = kept;
    for (const item of dropped) item.reject(new Error('Connection closed'));
  }

  /** A connection went away: end what it left open and free the session for the others. */
  async clearTransactionIfNeeded(connectionId: number): Promise<void> {
    if (this.owner !== connectionId) return;
    this.owner = null;
    if (this.db.isInTransaction()) await this.db.runExclusive(() => this.db.exec('ROLLBACK'));
    await this.process();
  }

  private next(): QueuedMessage | undefined {
    if (this.owner === null) return this.queue.shift();
    const index = this.queue.findIndex((item) => item.connectionId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item !== undefined; item = this.next()) {
        const current = item;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(current.message, {
              onRawData: (data) => {
                bytes += data.length;
                current.onData(data);
              },
            }),
          );
          current.resolve(bytes);
        } catch (error) {
          current.reject(error);
        }
        const holds = !endsExchange(current.message) || this.db.isInTransaction();
        this.owner = holds ? current.connectionId : null;
      }
    } finally {
      this.processing = false;
    }
  }
}
