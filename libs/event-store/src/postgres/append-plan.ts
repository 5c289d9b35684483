import {
  type AppendResult,
  type AppendStatus,
  ExpectedVersionConflictError,
  type StreamAppend,
} from '../event-store.js';
import { eventIdKey } from '../new-events.js';

/** What event_store.append answers: each stream's version after the call, and the hash of each eventId stored. */
export interface AppendAnswer {
  /** Per stream, in input order. */
  readonly v: readonly number[];
  /** Stored eventId (lower case) -> its content hash ('' for an event stored without one). */
  readonly k: Readonly<Record<string, string>>;
  /** The last global position written (a decimal number), or null when nothing was. */
  readonly p: number | string | null;
}

export interface AppendPlan {
  /** The JSON argument of event_store.append: each eventId once in the whole call. */
  readonly argument: string;
  /** The answer per stream, in input order, from the function's answer. */
  results(answer: AppendAnswer): AppendResult[];
}

/** The hash that decides whether a repeat of an eventId is the same event (see NewEvent.contentHash); '' for none. */
function hashOf(event: StreamAppend['events'][number]): string {
  return event.contentHash ?? '';
}

function sameContent(stored: string, hash: string): boolean {
  // An event written without a hash (or stored before hashes existed) is compared by eventId alone.
  return stored === '' || hash === '' || stored === hash;
}

/**
 * Plans one call of event_store.append: an eventId repeated within the call is sent once (its first occurrence) and
 * answered from it, as `duplicate` with the same content and `conflict` with other content.
 */
export function planAppend(appends: readonly StreamAppend[]): AppendPlan {
  const first = new Map<string, string>();
  const repeats: Array<Array<string | undefined>> = [];
  const streams = appends.map((append, s) => {
    repeats[s] = [];
    const events = [];
    for (const event of append.events) {
      const key = eventIdKey(event.eventId);
      const hash = hashOf(event);
      const earlier = first.get(key);
      if (earlier !== undefined) {
        repeats[s].push(earlier === hash ? 'duplicate' : 'conflict');
        continue;
      }
      first.set(key, hash);
      repeats[s].push(undefined);
      events.push({
        i: key,
        t: event.type,
        d: event.data,
        m: event.metadata ?? {},
        ...(hash === '' ? {} : { h: hash }),
      });
    }
    const { kind } = append.expected;
    const version = append.expected.kind === 'exact' ? append.expected.version : -1;
    return { s: append.streamName, k: kind, v: version, e: events };
  });
  return {
    argument: JSON.stringify(streams),
    results(answer: AppendAnswer): AppendResult[] {
      return appends.map((append, s) => ({
        nextExpectedVersion: answer.v[s] ?? -1,
        outcomes: append.events.map((event, k) => {
          const repeat = repeats[s]![k];
          if (repeat !== undefined) return { eventId: event.eventId, status: repeat as AppendStatus };
          const stored = answer.k[eventIdKey(event.eventId)];
          if (stored === undefined) return { eventId: event.eventId, status: 'appended' as const };
          const status: AppendStatus = sameContent(stored, hashOf(event)) ? 'duplicate' : 'conflict';
          return { eventId: event.eventId, status };
        }),
      }));
    },
  };
}

/** The stream named by an EV409 error from event_store.append. */
export function conflictFrom(error: unknown, appends: readonly StreamAppend[]): ExpectedVersionConflictError {
  const detail = (error as { detail?: string }).detail ?? '{}';
  const parsed = JSON.parse(detail) as { stream?: number; version?: number };
  const append = appends[parsed.stream ?? 0] ?? appends[0]!;
  return new ExpectedVersionConflictError(append.streamName, append.expected, parsed.version ?? -1);
}

/** The stream name in a unique-violation detail on (stream_name, stream_version), if there is one. */
export function streamInDetail(error: unknown): string | undefined {
  const detail = (error as { detail?: string }).detail ?? '';
  return /^Key \(stream_name, stream_version\)=\((.*), \d+\) already exists\.$/.exec(detail)?.[1];
}
