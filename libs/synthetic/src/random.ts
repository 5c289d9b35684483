/**
 * A small seeded pseudo-random generator (sfc32, from PractRand), so that one seed always gives the same LA.
 * Nothing here reads Math.random, the clock or the environment.
 */

/** Mixes a 32-bit value into a well-spread 32-bit hash (murmur3's finaliser). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a string (an LA code) to 32 bits (FNV-1a, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return (
    (HEX[(value >>> 24) & 0xff] as string) +
    (HEX[(value >>> 16) & 0xff] as string) +
    (HEX[(value >>> 8) & 0xff] as string) +
    (HEX[value & 0xff] as string)
  );
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * A generator for one stream: the same `keys` always give the same sequence, and different keys give independent
   * ones (the keys are folded into the state through splitmix32, then the first outputs are discarded).
   */
  constructor(...keys: readonly number[]) {
    let state = 0x9e3779b9;
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    for (const key of keys) {
      // Integers up to 2^53 contribute both halves.
      state = (state ^ mix32((key >>> 0) ^ next())) | 0;
      state = (state ^ mix32(Math.floor(key / 0x100000000) ^ next())) | 0;
    }
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 0x100000000;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** One of the weighted choices, with probability proportional to its weight. */
  weighted<T>(choices: WeightedChoices<T>): T {
    let u = this.next() * choices.total;
    for (const [value, weight] of choices.entries) {
      u -= weight;
      if (u < 0) return value;
    }
    const last = choices.entries[choices.entries.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** A Poisson-distributed count with mean `mean` (Knuth's method; fine for the small means used here). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A version-4-shaped UUID drawn from this stream. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = (this.uint32() & 0xffff0fff) | 0x00004000; // version 4
    const w2 = (this.uint32() & 0x3fffffff) | 0x80000000; // RFC 4122 variant
    const w3 = this.uint32();
    const h1 = hex32(w1);
    const h2 = hex32(w2);
    return `${hex32(w0)}-${h1.slice(0, 4)}-${h1.slice(4)}-${h2.slice(0, 4)}-${h2.slice(4)}${hex32(w3)}`;
  }
}

export interface WeightedChoices<T> {
  readonly entries: readonly (readonly [T, number])[];
  readonly total: number;
}

export function weights<T>(entries: readonly (readonly [T, number])[]): WeightedChoices<T> {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weights must add up to more than zero');
  return { entries, total };
}

/** Weighted choices from a record of shares, e.g. the national primary-need shares. */
export function weightsOf<K extends string>(shares: Readonly<Record<K, number>>): WeightedChoices<K> {
  return weights(Object.entries(shares).map(([key, share]) => [key as K, share as number] as const));
}
