import type { StoredEvent } from '#event-store';

/** The projector's state as its live loop last saw it; read by health checks without a query. */
export interface ProgressSnapshot {
  /** The live loop has read the store at least once. */
  readonly started: boolean;
  readonly checkpoint: string;
  /** Seconds since the live loop last read the store (it reads at least once per idle wait while it runs). */
  readonly secondsSinceRead: number;
  /** Head minus checkpoint as of the last head seen; 0 when the last read was not a full batch. */
  readonly positionsBehind: string;
  /**
   * An upper bound on the age of the oldest event not yet folded: 0 when the last read was not a full batch (caught
   * up then), else the age of the last event folded.
   */
  readonly secondsBehind: number;
}

/** Kept by the runner after every live batch: the checkpoint, when the store was last read, how far behind it was. */
export class ProjectorProgress {
  private readAt: number | undefined;
  private checkpoint = 0n;
  private behindSince: number | undefined;
  private head = 0n;

  folded(events: readonly StoredEvent[], checkpoint: bigint, batchSize: number, now = Date.now()): void {
    this.readAt = now;
    this.checkpoint = checkpoint;
    const last = events[events.length - 1];
    this.behindSince = events.length >= batchSize && last !== undefined ? Date.parse(last.recordedAt) : undefined;
  }

  /** The store's head as last seen (the runner looks it up in the background while it is behind). */
  sawHead(head: bigint): void {
    if (head > this.head) this.head = head;
  }

  /** Whether the last read was a full batch: more events are waiting. */
  get behind(): boolean {
    return this.behindSince !== undefined;
  }

  /** The loop is alive but deliberately not folding (it waits for a rebuild to swap in). */
  waiting(now = Date.now()): void {
    this.readAt = now;
  }

  snapshot(now = Date.now()): ProgressSnapshot {
    return {
      started: this.readAt !== undefined,
      checkpoint: this.checkpoint.toString(),
      positionsBehind: (this.behind && this.head > this.checkpoint ? this.head - this.checkpoint : 0n).toString(),
      secondsSinceRead: this.readAt === undefined ? 0 : round((now - this.readAt) / 1000),
      secondsBehind: this.behindSince === undefined ? 0 : round(Math.max(0, now - this.behindSince) / 1000),
    };
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
