import { describe, expect, it } from '@jest/globals';
import { placementGroup } from '#pathway';
import { dayOf } from './days.js';
import { PlacementSteering, type PlacementMix } from './placements.js';
import { Random } from './random.js';

const MIX: PlacementMix = {
  'mainstream-academy': 40,
  'special-la-maintained': 30,
  'special-independent': 5,
  'further-education-college': 15,
  'non-maintained-early-years': 2,
  'not-recorded': 8,
};

describe('placement steering', () => {
  const rng = new Random(1, 2, 3);
  const steering = new PlacementSteering<string>(() => MIX, 0.3);
  const census = dayOf(2024, 1, 4);
  const placed = new Map<string, string | null>();
  for (let i = 0; i < 997; i++) {
    const id = `C${i}`;
    const born = census - Math.round((1 + rng.next() * 20) * 365.25);
    const started = census - rng.int(30, 3_000);
    placed.set(id, steering.planStarted(id, id, started, born, rng.next())?.setting ?? null);
  }
  const moves = steering.rebalance(census);
  for (const move of moves) placed.set(move.key, move.setting);

  it('places the plans held by the mix, to within a plan of each share, the unrecorded included', () => {
    const count = (setting: string | null) => [...placed.values()].filter((s) => s === setting).length;
    expect(Math.abs(count('mainstream-academy') - 0.4 * 997)).toBeLessThanOrEqual(2);
    expect(Math.abs(count('special-independent') - 0.05 * 997)).toBeLessThanOrEqual(2);
    expect(Math.abs(count('further-education-college') - 0.15 * 997)).toBeLessThanOrEqual(2);
    expect(Math.abs(count(null) - 0.08 * 997)).toBeLessThanOrEqual(2);
  });

  it('moves few plans when placed again by the same mix, and never into an empty setting', () => {
    const again = steering.rebalance(census + 365);
    expect(again.length).toBeLessThan(997 * 0.05);
    expect(again.every((move) => (MIX[move.setting] ?? 0) > 0)).toBe(true);
    expect(again.every((move) => placementGroup(move.setting) !== 'alternative-provision')).toBe(true);
  });

  it('a plan that ends leaves the count', () => {
    steering.planEnded('C1');
    expect(steering.rebalance(census + 400).some((move) => move.key === 'C1')).toBe(false);
  });
});
