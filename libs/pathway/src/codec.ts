import type { PathwayEvent } from './events.js';

/** How a pathway fact is kept in an event store: the payload as data, the envelope as metadata. */
export interface StoredShape {
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recordedAt?: string;
}

export function toStoredShape(event: PathwayEvent): StoredShape {
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data as Readonly<Record<string, unknown>>,
    metadata: { caseId: event.caseId, la: event.la, occurredOn: event.occurredOn, source: event.source },
  };
}

/** The inverse of toStoredShape; `recordedAt` comes from the store. */
export function fromStoredShape(stored: StoredShape): PathwayEvent {
  const md = stored.metadata;
  return {
    eventId: stored.eventId,
    type: stored.type,
    caseId: String(md.caseId),
    la: String(md.la),
    occurredOn: String(md.occurredOn),
    source: String(md.source),
    data: stored.data,
    ...(stored.recordedAt === undefined ? {} : { recordedAt: stored.recordedAt }),
  } as PathwayEvent;
}
