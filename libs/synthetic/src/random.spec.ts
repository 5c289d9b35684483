import { describe, expect, it } from '@jest/globals';
import { Random, hashString, weights } from './random.js';

const draw = (rng: Random, n: number): number[] => Array.from({ length: n }, () => rng.uint32());

describe('Random', () => {
  it('gives the same sequence for the same keys', () => {
    expect(draw(new Random(42, 7), 100)).toEqual(draw(new Random(42, 7), 100));
  });

  it('gives different sequences for different keys, including keys past 32 bits', () => {
    const base = draw(new Random(42, 7), 20);
    expect(draw(new Random(42, 8), 20)).not.toEqual(base);
    expect(draw(new Random(43, 7), 20)).not.toEqual(base);
    expect(draw(new Random(42 + 2 ** 32, 7), 20)).not.toEqual(base);
  });

  it('spreads draws evenly: the mean of many floats is near 1/2 and ints stay in range', () => {
    const rng = new Random(1);
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const value = rng.next();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    const ints = Array.from({ length: 10_000 }, () => rng.int(3, 7));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(7);
  });

  it('draws streams for consecutive keys that are not correlated', () => {
    const firsts = Array.from({ length: 20_000 }, (_, k) => new Random(2, 100 + k).next());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    let covariance = 0;
    let variance = 0;
    for (let k = 1; k < firsts.length; k++) covariance += (firsts[k]! - mean) * (firsts[k - 1]! - mean);
    for (const x of firsts) variance += (x - mean) ** 2;
    expect(Math.abs(covariance / variance)).toBeLessThan(0.03);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('picks weighted choices in proportion to their weights', () => {
    const rng = new Random(3);
    const choices = weights([
      ['a', 3],
      ['b', 1],
    ] as const);
    let a = 0;
    for (let i = 0; i < 40_000; i++) if (rng.weighted(choices) === 'a') a++;
    expect(a / 40_000).toBeCloseTo(0.75, 1);
  });

  it('draws Poisson counts with the requested mean', () => {
    const rng = new Random(4);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(3.5);
    expect(sum / 20_000).toBeCloseTo(3.5, 1);
    expect(rng.poisson(0)).toBe(0);
  });

  it('makes version-4-shaped UUIDs, all different', () => {
    const rng = new Random(5);
    const ids = Array.from({ length: 10_000 }, () => rng.uuid());
    for (const id of ids.slice(0, 100)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hashes LA codes to different keys', () => {
    expect(hashString('202')).not.toBe(hashString('203'));
    expect(hashString('202')).toBe(hashString('202'));
  });
});
