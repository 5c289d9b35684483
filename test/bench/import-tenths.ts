import { readFileSync } from 'node:fs';

/**
 * Follows an import's progress file (lines answered so far) and answers the rate over the first and the last tenth
 * of the lines: a rate that falls as the store grows shows as a last tenth well below the first.
 */
export class TenthsSampler {
  private readonly samples: Array<{ readonly ms: number; readonly line: number }> = [{ ms: 0, line: 0 }];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly progressFile: string) {
    this.timer = setInterval(() => this.sample(), 200);
  }

  private sample(): void {
    try {
      const { line } = JSON.parse(readFileSync(this.progressFile, 'utf8')) as { line: number };
      if (line > this.samples.at(-1)!.line) this.samples.push({ ms: performance.now() - this.started, line });
    } catch {
      // Not written yet, or being replaced.
    }
  }

  /** Lines per second over the first and the last tenth of `total` lines. */
  stop(total: number): { firstTenth: number; lastTenth: number } {
    clearInterval(this.timer);
    this.sample();
    const at = (line: number): number => {
      const sample = this.samples.find((s) => s.line >= line) ?? this.samples.at(-1)!;
      return sample.ms / 1000;
    };
    const tenth = total / 10;
    const firstSeconds = at(tenth);
    const lastSeconds = at(total) - at(total - tenth);
    return {
      firstTenth: firstSeconds > 0 ? tenth / firstSeconds : Number.NaN,
      lastTenth: lastSeconds > 0 ? tenth / lastSeconds : Number.NaN,
    };
  }
}
