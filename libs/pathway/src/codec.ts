import canonicalize from 'canonicalize';
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

/**
 * What makes two deliveries of an eventId the same fact: its LA, case, type, business date, source and data. Who sent
 * it and when it was recorded are not part of it, so a resend by another route is still the same fact.
 */
export function factContent(event: PathwayEvent): Readonly<Record<string, unknown>> {
  return {
    la: event.la,
    caseId: event.caseId,
    type: event.type,
    occurredOn: event.occurredOn,
    source: event.source,
    data: event.data,
  };
}

/** Whether two deliveries carry the same fact (canonical JSON of their content, RFC 8785). */
export function sameFact(a: PathwayEvent, b: PathwayEvent): boolean {
  return canonicalize(factContent(a)) === canonicalize(factContent(b));
}
