import { describe, expect, it } from '@jest/globals';
import { YearlySteering } from './yearly-steering.js';

const targets = (
  overrides: Partial<Parameters<YearlySteering['learn']>[0]>,
): Parameters<YearlySteering['learn']>[0] => ({
  from: 2024,
  published: () => 0,
  onTime: () => 0.5,
  unsteeredOnTime: () => 0.5,
  saturatedScale: 1.5,
  exceptionShare: 0,
  ...overrides,
});

const repeat = (n: number, action: () => void): void => {
  for (let i = 0; i < n; i++) action();
};

describe('YearlySteering', () => {
  it('scales the chance of a plan by published over issued while the year has assessments to spare', () => {
    const steering = new YearlySteering();
    repeat(100, () => steering.planIssued(2024, true));
    repeat(50, () => steering.notPlanned(2024, false));
    steering.learn(targets({ published: () => 80, onTime: () => 1 }));
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
    steering.learn(targets({ published: (year) => (year === 2024 ? 90 : 60), onTime: () => 0 }));
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
    steering.learn(targets({ published: () => 100, onTime: () => 0.4 }));
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

  it("moves the warm-up year's timeliness when the first reported year's cannot rise further", () => {
    const steering = new YearlySteering();
    repeat(90, () => steering.planIssued(2024, true, true));
    repeat(10, () => steering.planIssued(2024, false, false));
    repeat(50, () => steering.planIssued(2023, false, true));
    // 99% wanted of 90%: a shift of 0.1 on 90 steered plans of 100, of which the 0.95 chance can take 0.05; the
    // other 0.05 goes to 2023.
    steering.learn(targets({ published: () => 100, onTime: () => 0.99, unsteeredOnTime: () => 0.95 }));
    expect(steering.onTimeShift(2024)).toBeCloseTo(0.05, 6);
    expect(steering.onTimeShift(2023)).toBeCloseTo(0.05, 6);
    // The warm-up year's own timeliness is not steered.
    expect(steering.onTimeShift(2022)).toBe(0);
  });
});
