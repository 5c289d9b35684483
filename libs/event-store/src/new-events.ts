import type { NewEvent } from './event-store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Raised before anything is stored when an append carries an event the store cannot take (not a conflict). */
export class InvalidNewEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNewEventError';
  }
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Event ids are compared case-insensitively, as PostgreSQL's uuid type and KurrentDB do. */
export function eventIdKey(eventId: string): string {
  return eventId.toLowerCase();
}

export function assertAppendable(streamName: string, events: readonly NewEvent[]): void {
  if (streamName.length === 0) throw new InvalidNewEventError('A stream name must not be empty');
  for (const [index, event] of events.entries()) {
    if (!isUuid(event.eventId)) throw new InvalidNewEventError(`Event ${index} has an eventId that is not a UUID`);
    if (event.type.length === 0) throw new InvalidNewEventError(`Event ${index} has an empty type`);
  }
}

export interface DuplicateSplit {
  /** The events to store, in input order, each eventId once. */
  readonly fresh: readonly NewEvent[];
  /** Per input event, in input order. */
  readonly outcomes: ReadonlyArray<{ readonly eventId: string; readonly status: 'appended' | 'duplicate' }>;
}

/**
 * Splits a batch into the events to store and the duplicates: an eventId already stored, or repeated earlier in
 * the same batch, is a duplicate. Pass one `seen` set to several calls to treat their batches as one (it is
 * updated with the ids taken here).
 */
export function splitDuplicates(
  events: readonly NewEvent[],
  storedIds: ReadonlySet<string>,
  seen: Set<string> = new Set<string>(),
): DuplicateSplit {
  const fresh: NewEvent[] = [];
  const outcomes = events.map((event) => {
    const key = eventIdKey(event.eventId);
    if (storedIds.has(key) || seen.has(key)) return { eventId: event.eventId, status: 'duplicate' as const };
    seen.add(key);
    fresh.push(event);
    return { eventId: event.eventId, status: 'appended' as const };
  });
  return { fresh, outcomes };
}

/** A multi-stream append names each stream once, with appendable events. */
export function assertAppendableStreams(
  appends: ReadonlyArray<{ streamName: string; events: readonly NewEvent[] }>,
): void {
  const names = new Set<string>();
  for (const { streamName, events } of appends) {
    assertAppendable(streamName, events);
    if (names.has(streamName)) throw new InvalidNewEventError(`Stream ${streamName} is named twice in one append`);
    names.add(streamName);
  }
}
