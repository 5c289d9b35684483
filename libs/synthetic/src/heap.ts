/** A binary min-heap ordered by a numeric key, ties broken by insertion order, so the order is deterministic. */
export class MinHeap<T> {
  private readonly keys: number[] = [];
  private readonly seqs: number[] = [];
  private readonly values: T[] = [];
  private seq = 0;

  get size(): number {
    return this.values.length;
  }

  /** The smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.keys[0] ?? Infinity;
  }

  push(key: number, value: T): void {
    let i = this.values.length;
    const seq = this.seq++;
    this.keys.push(key);
    this.seqs.push(seq);
    this.values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.place(i, key, seq, value);
  }

  pop(): T | undefined {
    const n = this.values.length;
    if (n === 0) return undefined;
    const top = this.values[0];
    const key = this.keys.pop() as number;
    const seq = this.seqs.pop() as number;
    const value = this.values.pop() as T;
    const size = n - 1;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        const child = right < size && this.lessAt(right, left) ? right : left;
        if (!this.lessThan(child, key, seq)) break;
        this.move(child, i);
        i = child;
      }
      this.place(i, key, seq, value);
    }
    return top;
  }

  private less(key: number, seq: number, at: number): boolean {
    const other = this.keys[at] as number;
    return key < other || (key === other && seq < (this.seqs[at] as number));
  }

  private lessThan(at: number, key: number, seq: number): boolean {
    const k = this.keys[at] as number;
    return k < key || (k === key && (this.seqs[at] as number) < seq);
  }

  private lessAt(a: number, b: number): boolean {
    return this.lessThan(a, this.keys[b] as number, this.seqs[b] as number);
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.values[to] = this.values[from] as T;
  }

  private place(at: number, key: number, seq: number, value: T): void {
    this.keys[at] = key;
    this.seqs[at] = seq;
    this.values[at] = value;
  }
}
