/**
 * Live KPI answers kept per LA under the LA's revision in the served generation (counted up by the projector's every
 * batch that touches the LA, by an erasure, and new with every generation), so an entry is never served once the rows
 * it was computed from have changed. Identical requests that miss together share one computation. Bounded: least
 * recently used entries go first, and an LA's entries of older revisions go as soon as a newer one is seen.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  /** Per LA: the scope (generation and revision) last seen and the keys stored under it. */
  private readonly scopes = new Map<string, { scope: string; keys: Set<string> }>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  answer(la: string, scope: string, query: string, compute: () => Promise<T>): Promise<T> {
    if (this.capacity <= 0) return compute();
    const key = `${la}\u0000${scope}\u0000${query}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Most recently used goes last.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const current = this.scopes.get(la);
    if (current !== undefined && current.scope !== scope) {
      for (const stale of current.keys) this.entries.delete(stale);
    }
    const keys = current?.scope === scope ? current.keys : new Set<string>();
    this.scopes.set(la, { scope, keys });
    const answer = compute();
    keys.add(key);
    this.entries.set(key, answer);
    answer.catch(() => {
      if (this.entries.get(key) === answer) this.entries.delete(key);
      keys.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return answer;
  }
}
