/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export class ProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.lastDraw < (this.stream.isTTY ? 100 : 5000)) return;
    this.lastDraw = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(done / seconds);
    let line: string;
    if (this.total !== undefined && this.total > 0) {
      const share = Math.min(1, done / this.total);
      const width = 30;
      const filled = Math.round(share * width);
      const eta = rate > 0 && done < this.total ? ` ETA ${duration((this.total - done) / rate)}` : '';
      line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(1)}% ${done}/${this.total} ${rate}/s${eta}`;
    } else {
      line = `${this.label} ${done} ${rate}/s`;
    }
    if (this.stream.isTTY) this.stream.write(`\r${line}\x1b[K`);
    else this.stream.write(`${line}\n`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.stream.isTTY) this.stream.write('\n');
  }
}

/** 83 -> `1m23s`, 4000 -> `1h06m`. */
export function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
