import type { OutboxRecord, OutboxStore } from '../outbox.js';

/** An outbox held in memory, in write order; `failMarks` makes the next marks fail as a lost connection would. */
export class MemoryOutbox implements OutboxStore {
  private readonly records: OutboxRecord[] = [];
  private readonly publishedAt = new Map<string, Date>();
  failMarks = 0;

  write(record: OutboxRecord): void {
    this.records.push(record);
  }

  pending(limit: number): Promise<readonly OutboxRecord[]> {
    return Promise.resolve(this.records.filter((record) => !this.publishedAt.has(record.id)).slice(0, limit));
  }

  markPublished(ids: readonly string[], at: Date): Promise<void> {
    if (this.failMarks > 0) {
      this.failMarks -= 1;
      return Promise.reject(new Error('connection to the outbox lost'));
    }
    for (const id of ids) this.publishedAt.set(id, at);
    return Promise.resolve();
  }

  get unpublished(): number {
    return this.records.length - this.publishedAt.size;
  }
}
