import { describe, expect, it } from '@jest/globals';
import { CaseloadSteering } from './caseload.js';

/** Runs `days` days of a toy LA: `reviews` reviews a day at a base cease chance of 5%, `inflow` new plans a day,
 * and cease decisions turned into exits at once. Returns the caseload at the end. */
function run(steering: CaseloadSteering, start: number, days: number, inflow: number, reviews = 10): number {
  let plans = start;
  let expectedExits = 0;
  for (let day = 0; day < days; day++) {
    for (let i = 0; i < inflow; i++) {
      plans++;
      steering.planStarted();
    }
    for (let i = 0; i < reviews; i++) expectedExits += steering.ceaseChance(0.05);
    while (expectedExits >= 1) {
      expectedExits--;
      plans--;
      steering.planEnded();
    }
    steering.endOfDay(day, plans);
  }
  return plans;
}

describe('CaseloadSteering', () => {
  it('leaves the model`s chances alone before steering starts', () => {
    const steering = new CaseloadSteering(() => 1000, 1.1, 10_000);
    run(steering, 1000, 100, 1);
    expect(steering.ceaseChance(0.05)).toBe(0.05);
  });

  it('brings a caseload that starts above its path back to it, and keeps it there', () => {
    const target = (day: number): number => 1000 * 1.1 ** (day / 365.25);
    const steering = new CaseloadSteering(target, 1.1, 0);
    const end = run(steering, 1150, 730, 1);
    expect(Math.abs(end / target(730) - 1)).toBeLessThan(0.02);
  });

  it('ceases more when more plans come in, less when fewer do', () => {
    const target = (): number => 1000;
    const busy = new CaseloadSteering(target, 1, 0);
    const quiet = new CaseloadSteering(target, 1, 0);
    run(busy, 1000, 365, 2, 40);
    run(quiet, 1000, 365, 1, 40);
    expect(busy.currentPressure).toBeGreaterThan(quiet.currentPressure);
    expect(busy.ceaseChance(0.05)).toBeGreaterThan(quiet.ceaseChance(0.05));
  });

  it('asks for plans from outside only when the caseload is below its path and reviews cease as few as they can', () => {
    const target = (): number => 100;
    const short = new CaseloadSteering(target, 1, 0);
    run(short, 80, 200, 0, 2);
    expect(short.extraInflowPerDay(200, 80)).toBeCloseTo(20 / 180, 6);
    expect(short.extraInflowPerDay(200, 100)).toBe(0);

    const full = new CaseloadSteering(target, 1, 0);
    run(full, 120, 200, 1, 40);
    expect(full.extraInflowPerDay(200, 90)).toBe(0);
  });
});
