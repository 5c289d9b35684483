import { nextRunAfter, type Schedule } from './schedule.js';

/** setTimeout's longest delay (about 24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2_147_483_647;

export interface RollupSchedulerOptions {
  readonly schedule: Schedule;
  /** The work of one run; its errors are reported, and the next run is still scheduled. */
  readonly run: () => Promise<void>;
  readonly onError?: (error: unknown) => void;
  /** After a failed run, try again this much later (default 5 minutes), unless the next scheduled run is sooner. */
  readonly retryAfterFailureMs?: number;
  readonly clock?: () => Date;
}

/** Runs the weekly rollups at each time the schedule gives, one run at a time. */
export class RollupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private nextRun: Date | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private readonly clock: () => Date;

  constructor(private readonly options: RollupSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.arm();
  }

  /** Cancels the timer and waits for a run in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.nextRun = undefined;
    await this.current;
  }

  /** When the next run is due, while started. */
  nextRunAt(): Date | undefined {
    return this.nextRun;
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.nextRun ?? nextRunAfter(this.options.schedule, this.clock());
    this.nextRun = next;
    const delay = Math.min(Math.max(0, next.getTime() - this.clock().getTime()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    const due = this.nextRun;
    // Woken early (a long wait in steps, or a timer that fired ahead of the clock): wait again for the same time.
    if (due !== undefined && this.clock().getTime() < due.getTime()) {
      this.arm();
      return;
    }
    this.nextRun = undefined;
    this.current = this.options
      .run()
      .catch((error: unknown) => {
        this.options.onError?.(error);
        const now = this.clock().getTime();
        const retry = new Date(now + (this.options.retryAfterFailureMs ?? 300_000));
        const scheduled = nextRunAfter(this.options.schedule, new Date(now));
        this.nextRun = retry < scheduled ? retry : scheduled;
      })
      .finally(() => {
        this.current = undefined;
        this.arm();
      });
  }
}
