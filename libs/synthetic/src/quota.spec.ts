import { describe, expect, it } from '@jest/globals';
import { Quotas } from './quota.js';
import { Random } from './random.js';

describe('Quotas', () => {
  it('gives each seed a share within one case of the chances, where case-by-case draws spread by several', () => {
    let worstQuota = 0;
    let worstDraws = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Random(seed);
      const quotas = new Quotas();
      let taken = 0;
      let drawn = 0;
      for (let i = 0; i < 70; i++) {
        if (quotas.take('on time 2024', 0.74, rng.next())) taken++;
        if (rng.chance(0.74)) drawn++;
      }
      worstQuota = Math.max(worstQuota, Math.abs(taken - 0.74 * 70));
      worstDraws = Math.max(worstDraws, Math.abs(drawn - 0.74 * 70));
    }
    expect(worstQuota).toBeLessThanOrEqual(1);
    expect(worstDraws).toBeGreaterThan(3);
  });

  it('keeps each key apart, and is random in which cases take the outcome', () => {
    const rng = new Random(3);
    const quotas = new Quotas();
    const picks: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      picks.push(quotas.take('refused 2024', 0.5, rng.next()));
      quotas.take('refused 2023', 0.9, rng.next());
    }
    expect(picks.filter(Boolean).length).toBeGreaterThanOrEqual(99);
    expect(picks.filter(Boolean).length).toBeLessThanOrEqual(101);
    // Not simply every other case.
    expect(picks.some((pick, i) => i > 0 && pick === picks[i - 1])).toBe(true);
  });

  it('makes up, in the next eligible cases, the chances of cases that count but cannot take the outcome', () => {
    const quotas = new Quotas();
    for (let i = 0; i < 4; i++) expect(quotas.take('refused 2024', 0.5, 0.99, false)).toBe(false);
    // Owed 2 + 0.5: the next two eligible cases take it whatever their draw.
    expect(quotas.take('refused 2024', 0.5, 0)).toBe(true);
    expect(quotas.take('refused 2024', 0.5, 0)).toBe(true);
  });

  it('undoes a take with giveBack', () => {
    const quotas = new Quotas();
    const fresh = new Quotas();
    const taken = quotas.take('plan 2024', 0.6, 0.7);
    expect(taken).toBe(true);
    quotas.giveBack('plan 2024', 0.6, taken);
    for (const u of [0.1, 0.5, 0.9, 0.3, 0.2]) {
      expect(quotas.take('plan 2024', 0.6, u)).toBe(fresh.take('plan 2024', 0.6, u));
    }
  });
});
