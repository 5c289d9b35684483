import type { CaseState } from '#pathway';

/** A case as the last append left it: its folded state and its stream's version. */
export interface CachedCase {
  readonly state: CaseState;
  readonly version: number;
}

/**
 * How many cases the write path keeps folded in memory by default: every case of a large LA's ten years (a feed
 * comes back to a case months apart, so a cache smaller than the LA's cases misses on almost every fact once full).
 */
export const DEFAULT_CASE_CACHE_ENTRIES = 25_000;

/**
 * The write path's memory of recently written cases, so that a batch decides against a case's state without reading
 * and folding its history again. Bounded, least recently used first out. An entry may be stale (another process
 * appended to the case): the append's expected version then fails, and the caller forgets the entry and reads the
 * stream again. So the cache can make a write retry, never make it wrong.
 */
export class CaseCache {
  private readonly entries = new Map<string, CachedCase>();

  constructor(readonly capacity: number = DEFAULT_CASE_CACHE_ENTRIES) {}

  get(stream: string): CachedCase | undefined {
    const entry = this.entries.get(stream);
    if (entry === undefined) return undefined;
    // Re-inserting moves the entry to the young end of the Map's insertion order.
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry;
  }

  /** Keeps the newer of the entry and what is already kept (two batches on one case may finish out of order). */
  set(stream: string, entry: CachedCase): void {
    if (this.capacity <= 0) return;
    const kept = this.entries.get(stream);
    if (kept !== undefined && kept.version > entry.version) return;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(stream: string): void {
    this.entries.delete(stream);
  }

  get size(): number {
    return this.entries.size;
  }
}
