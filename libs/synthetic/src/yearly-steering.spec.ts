import { describe, expect, it } from '@jest/globals';
import { YearlySteering } from './yearly-steering.js';

const repeat = (n: number, action: () => void): void => {
  for (let i = 0; i < n; i++) action();
};

describe('YearlySteering', () => {
  it('scales the chance of a plan by published over issued while the year has assessments to spare', () => {
    const steering = new YearlySteering();
    repeat(100, () => steering.planIssued(2024, true));
    repeat(50, () => steering.notPlanned(2024, false));
    steering.learn(
      () => 80,
      () => 1,
      1.5,
      0,
    );
    expect(steering.planScale(2024)).toBeCloseTo(0.8, 6);
    expect(steering.holdOver(2023)).toBe(0);
  });

  it("holds over the previous year's assessments when a year's own cannot give its published plans", () => {
    const steering = new YearlySteering();
    repeat(100, () => steering.notPlanned(2023, false));
    repeat(60, () => steering.planIssued(2023, false));
    repeat(50, () => steering.planIssued(2024, false));
    repeat(10, () => steering.notPlanned(2024, false));
    // 2024 wants 90: its own 50 plans and 10 spare assessments leave 30 to come from 2023's 100 not planned.
    steering.learn(
      (year) => (year === 2024 ? 90 : 60),
      () => 0,
      1.5,
      0,
    );
    expect(steering.holdOver(2023)).toBeCloseTo(0.3, 6);
    expect(steering.planScale(2024)).toBe(1.5);
  });

  it('shifts the on-time chance by the gap, counting the plans held over as late, until the pass is on target', () => {
    const steering = new YearlySteering();
    repeat(30, () => steering.planIssued(2024, true, true));
    repeat(70, () => steering.planIssued(2024, false, true));
    expect(
      steering.onTarget(
        2024,
        2024,
        () => 100,
        () => 0.4,
      ),
    ).toBe(false);
    steering.learn(
      () => 100,
      () => 0.4,
      1,
      0,
    );
    expect(steering.onTimeShift(2024)).toBeCloseTo(0.1, 6);

    repeat(40, () => steering.planIssued(2024, true, true));
    repeat(59, () => steering.planIssued(2024, false, true));
    expect(
      steering.onTarget(
        2024,
        2024,
        () => 100,
        () => 0.4,
      ),
    ).toBe(true);
  });
});
