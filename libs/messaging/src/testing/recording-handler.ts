import type { IngestionOutcome, MessageContext } from '../ingestion.js';
import type { LogContext, MessagingLogger } from '../logger.js';

/** A test envelope: the source's idempotency key, the case it belongs to and its place in that case's history. */
export interface TestEnvelope {
  readonly eventId: string;
  readonly caseId: string;
  readonly sequence: number;
  readonly verdict?: 'reject';
}

export interface HandlerCall {
  readonly eventId: string;
  readonly context: MessageContext;
  readonly outcome: IngestionOutcome['status'];
}

/**
 * Stands in for the command path: stores each eventId once and answers "duplicate" for a repeat, as the event
 * store does, and records every call so tests can see redeliveries.
 */
export class RecordingStore {
  readonly calls: HandlerCall[] = [];
  private readonly stored = new Map<string, TestEnvelope>();
  private readonly order: TestEnvelope[] = [];

  record(envelope: unknown, context: MessageContext): IngestionOutcome {
    const event = envelope as TestEnvelope;
    let outcome: IngestionOutcome;
    if (event.verdict === 'reject') {
      outcome = { status: 'rejected', code: 'final_before_request', message: 'final plan dated before its request' };
    } else if (this.stored.has(event.eventId)) {
      outcome = { status: 'duplicate' };
    } else {
      this.stored.set(event.eventId, event);
      this.order.push(event);
      outcome = { status: 'accepted' };
    }
    this.calls.push({ eventId: event.eventId, context, outcome: outcome.status });
    return outcome;
  }

  get storedCount(): number {
    return this.stored.size;
  }

  has(eventId: string): boolean {
    return this.stored.has(eventId);
  }

  callsFor(eventId: string): HandlerCall[] {
    return this.calls.filter((call) => call.eventId === eventId);
  }

  /** The stored events of one case in the order they were first stored. */
  storedOrderOf(caseId: string): number[] {
    return this.order.filter((event) => event.caseId === caseId).map((event) => event.sequence);
  }
}

export function testEnvelopes(cases: number, perCase: number, prefix: string): TestEnvelope[] {
  const envelopes: TestEnvelope[] = [];
  for (let sequence = 1; sequence <= perCase; sequence += 1) {
    for (let index = 0; index < cases; index += 1) {
      envelopes.push({ eventId: `${prefix}-${index}-${sequence}`, caseId: `CASE-${prefix}-${index}`, sequence });
    }
  }
  return envelopes;
}

/** Keeps every line the adapters log, so tests can check that no payload ever reaches a log. */
export class CapturingLogger implements MessagingLogger {
  readonly lines: string[] = [];
  log(message: string, context?: LogContext): void {
    this.lines.push(JSON.stringify({ message, ...context }));
  }
  warn(message: string, context?: LogContext): void {
    this.lines.push(JSON.stringify({ message, ...context }));
  }
  error(message: string, context?: LogContext): void {
    this.lines.push(JSON.stringify({ message, ...context }));
  }
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
