import { describe, expect, it } from '@jest/globals';
import { sleep, untilDeadline } from './deadline.js';

describe('untilDeadline', () => {
  it('returns when the work ends first', async () => {
    const started = Date.now();
    await untilDeadline(sleep(20), Date.now() + 5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('returns at the deadline when the work never ends', async () => {
    const started = Date.now();
    await untilDeadline(new Promise<void>(() => undefined), Date.now() + 100);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('reports a failure before the deadline and drops one after it', async () => {
    await expect(untilDeadline(Promise.reject(new Error('down')), Date.now() + 5_000)).rejects.toThrow('down');
    const late = sleep(50).then(() => {
      throw new Error('late');
    });
    await expect(untilDeadline(late, Date.now())).resolves.toBeUndefined();
    await sleep(80);
  });
});
