import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { parseSchedule } from './schedule.js';
import { RollupScheduler } from './scheduler.js';

describe('rollup scheduler timer', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2024-03-25T05:58:00Z') }); // a Monday
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  const weekly = parseSchedule('0 6 * * 1');

  it('runs at each scheduled time and re-arms for the next, across the change to BST', async () => {
    const runs: string[] = [];
    const scheduler = new RollupScheduler({
      schedule: weekly,
      run: () => {
        runs.push(new Date().toISOString());
        return Promise.resolve();
      },
    });
    scheduler.start();
    // Monday 25 March 2024 is still GMT: 06:00 London is 06:00 UTC, two minutes away.
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-03-25T06:00:00.000Z');
    await jest.advanceTimersByTimeAsync(2 * 60_000 - 1);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['2024-03-25T06:00:00.000Z']);
    // Clocks go forward on 31 March: the next Monday's 06:00 is 05:00 UTC, 167 hours later.
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T05:00:00.000Z');
    await jest.advanceTimersByTimeAsync(167 * 3_600_000);
    expect(runs).toEqual(['2024-03-25T06:00:00.000Z', '2024-04-01T05:00:00.000Z']);
    await scheduler.stop();
    expect(scheduler.nextRunAt()).toBeUndefined();
    await jest.advanceTimersByTimeAsync(14 * 24 * 3_600_000);
    expect(runs).toHaveLength(2);
  });

  it('reports a failed run and retries it later, before the next scheduled run', async () => {
    const errors: unknown[] = [];
    const runs: string[] = [];
    const scheduler = new RollupScheduler({
      schedule: weekly,
      retryAfterFailureMs: 10 * 60_000,
      run: () => {
        runs.push(new Date().toISOString());
        return runs.length === 1 ? Promise.reject(new Error('read model not built')) : Promise.resolve();
      },
      onError: (error) => errors.push(error),
    });
    scheduler.start();
    await jest.advanceTimersByTimeAsync(2 * 60_000);
    expect(errors).toHaveLength(1);
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-03-25T06:10:00.000Z');
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(runs).toEqual(['2024-03-25T06:00:00.000Z', '2024-03-25T06:10:00.000Z']);
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-04-01T05:00:00.000Z');
    await scheduler.stop();
  });

  it('does not retry past the next scheduled run', async () => {
    let calls = 0;
    const scheduler = new RollupScheduler({
      schedule: parseSchedule('0 * * * *'),
      retryAfterFailureMs: 24 * 3_600_000,
      run: () => {
        calls += 1;
        return Promise.reject(new Error('down'));
      },
    });
    scheduler.start();
    await jest.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(calls).toBe(2);
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2024-03-25T08:00:00.000Z');
    await scheduler.stop();
  });

  it('waits beyond the longest timer delay in steps, without running early', async () => {
    let calls = 0;
    const yearly = parseSchedule('0 6 1 1 *');
    const scheduler = new RollupScheduler({
      schedule: yearly,
      run: () => {
        calls += 1;
        return Promise.resolve();
      },
    });
    scheduler.start();
    expect(scheduler.nextRunAt()?.toISOString()).toBe('2025-01-01T06:00:00.000Z');
    await jest.advanceTimersByTimeAsync(Date.parse('2025-01-01T05:59:00Z') - Date.now());
    expect(calls).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
    await scheduler.stop();
  });

  it('stop waits for a run in progress', async () => {
    let finish: () => void = () => undefined;
    let finished = false;
    const scheduler = new RollupScheduler({
      schedule: parseSchedule('* * * * *'),
      run: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        }),
    });
    scheduler.start();
    await jest.advanceTimersByTimeAsync(60_000);
    const stopped = scheduler.stop();
    let stopDone = false;
    void stopped.then(() => {
      stopDone = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopDone).toBe(false);
    finish();
    await stopped;
    expect(finished).toBe(true);
  });
});
