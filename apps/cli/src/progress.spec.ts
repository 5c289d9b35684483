import { describe, expect, it } from '@jest/globals';
import { ProgressBar, duration } from './progress.js';

describe('the progress bar', () => {
  it('says the rate and the time left', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar('import', 1000, stream);
    bar.update(250, true);
    expect(lines.at(-1)).toMatch(/^import \[#{8}\.{22}\] 25\.0% 250\/1000 \d+\/s ETA \d+s\n$/);
    bar.finish(1000);
    expect(lines.at(-1)).not.toContain('ETA');
  });

  it('writes durations as seconds, minutes or hours', () => {
    expect(duration(42)).toBe('42s');
    expect(duration(83)).toBe('1m23s');
    expect(duration(4000)).toBe('1h06m');
  });
});
