import { describe, expect, it } from '@jest/globals';
import { CaseLocks } from './case-locks.js';

/** A piece of work that records when it starts and ends, and ends when told. */
function step(log: string[], name: string): { work: () => Promise<string>; end: () => void } {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return {
    work: async () => {
      log.push(`${name} starts`);
      await ended;
      log.push(`${name} ends`);
      return name;
    },
    end,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('turns on cases', () => {
  it('runs batches on a shared case one after the other, in arrival order, and others side by side', async () => {
    const locks = new CaseLocks();
    const log: string[] = [];
    const a = step(log, 'a');
    const b = step(log, 'b');
    const c = step(log, 'c');
    const first = locks.withCases(['case-1', 'case-2'], a.work);
    const second = locks.withCases(['case-2', 'case-3'], b.work);
    const third = locks.withCases(['case-4'], c.work);
    await tick();
    expect(log).toEqual(['a starts', 'c starts']);
    c.end();
    a.end();
    expect(await first).toBe('a');
    await tick();
    expect(log).toEqual(['a starts', 'c starts', 'c ends', 'a ends', 'b starts']);
    b.end();
    expect(await Promise.all([second, third])).toEqual(['b', 'c']);
    expect(locks.size).toBe(0);
  });

  it('never deadlocks batches that take the same cases in opposite orders, and frees a case after a failure', async () => {
    const locks = new CaseLocks();
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        locks.withCases(i % 2 === 0 ? ['x', 'y'] : ['y', 'x'], async () => {
          await tick();
          return i;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await expect(locks.withCases(['x'], () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await locks.withCases(['x'], () => Promise.resolve('after'))).toBe('after');
    expect(locks.size).toBe(0);
  });
});
