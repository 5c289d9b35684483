/**
 * Turns for writing cases within this process: a batch takes its turn on every case it touches at once, and waits
 * for the batches before it that touch any of them. Two requests on the same case then write one after the other
 * instead of racing to a version conflict and recording case by case; batches on other cases go side by side.
 * Turns are taken in arrival order and all at once, so no batch waits on one that arrived after it (no deadlock).
 * Other processes writing the same case are still caught by the store's expected-version check.
 */
export class CaseLocks {
  /** Per case, the turn of the last batch that took it. */
  private readonly last = new Map<string, Promise<void>>();

  async withCases<T>(streams: Iterable<string>, work: () => Promise<T>): Promise<T> {
    let finish!: () => void;
    const turn = new Promise<void>((resolve) => (finish = resolve));
    const before: Array<Promise<void>> = [];
    const taken = new Set(streams);
    for (const stream of taken) {
      const previous = this.last.get(stream);
      if (previous !== undefined) before.push(previous);
      this.last.set(stream, turn);
    }
    try {
      await Promise.all(before);
      return await work();
    } finally {
      finish();
      for (const stream of taken) if (this.last.get(stream) === turn) this.last.delete(stream);
    }
  }

  /** Cases with a batch writing or waiting (for tests and metrics). */
  get size(): number {
    return this.last.size;
  }
}
