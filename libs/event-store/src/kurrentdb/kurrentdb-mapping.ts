import {
  ANY,
  type AppendStreamState,
  type CurrentStreamState,
  ErrorType,
  NO_STREAM,
  type ReadPosition,
  START,
  STREAM_EXISTS,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  type ExpectedVersion,
  ExpectedVersionConflictError,
  StreamDeletedError,
} from '../event-store.js';
import { eventIdKey } from '../new-events.js';

/**
 * The durable idempotency index: one stream per stored eventId, holding one marker event that names the stream the
 * event went to. Not `$`-prefixed (those are system streams, writable by admins only); the store's global reads
 * filter them out by name.
 */
export const EVENT_ID_STREAM_PREFIX = 'ehcp-eid-';
export const EVENT_ID_MARKER_TYPE = 'EventIdRecorded';

export function eventIdStreamName(eventId: string): string {
  return `${EVENT_ID_STREAM_PREFIX}${eventIdKey(eventId)}`;
}

/** Server-side filter for global reads: no system streams (`$...`, which holds `$$` metadata and `$>` links)
 * and no idempotency markers. .NET regular expressions, evaluated on stream names. */
export const APPLICATION_STREAMS_REGEX = `^(?!\\$|${EVENT_ID_STREAM_PREFIX})`;

export function isApplicationStream(streamName: string): boolean {
  return new RegExp(APPLICATION_STREAMS_REGEX).test(streamName);
}

export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected.kind) {
    case 'no-stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    case 'exact':
      return expected.version < 0 ? NO_STREAM : BigInt(expected.version);
    default: {
      const unknown: never = expected;
      throw new Error(`Unknown expected version ${JSON.stringify(unknown)}`);
    }
  }
}

/** The port's version for KurrentDB's current stream state: -1 for no stream (also a deleted one). */
export function fromCurrentState(state: CurrentStreamState | undefined): number {
  return typeof state === 'bigint' && state >= 0n ? Number(state) : -1;
}

/** Where a global read starts: the beginning for checkpoint 0, else the event at the checkpoint's commit
 * position (skipped by the reader, as it was already read). */
export function readPositionAfter(checkpoint: bigint): ReadPosition {
  return checkpoint <= 0n ? START : { commit: checkpoint, prepare: checkpoint };
}

function errorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type } = error;
  return typeof type === 'string' ? type : undefined;
}

const UNAVAILABLE = new Set<string>([
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.UNAVAILABLE,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/** gRPC status codes, for the client paths that reject with a raw gRPC ServiceError instead of a typed error. */
const GRPC_UNAVAILABLE = new Set([1, 4, 14]); // CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE
const GRPC_DENIED = new Set([7, 16]); // PERMISSION_DENIED, UNAUTHENTICATED

function grpcStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('details' in error)) return undefined;
  const { code } = error;
  return typeof code === 'number' ? code : undefined;
}

export function isStreamNotFound(error: unknown): boolean {
  const type = errorType(error);
  return type === ErrorType.STREAM_NOT_FOUND || type === ErrorType.NO_STREAM;
}

/**
 * Maps the KurrentDB client's typed errors to the port's. Keyed on the errors' `type` tag, which the client sets on
 * every command error. Anything else is returned unchanged.
 */
export function toEventStoreError(error: unknown, streamName: string, expected?: ExpectedVersion): unknown {
  const type = errorType(error);
  if (type === ErrorType.WRONG_EXPECTED_VERSION) {
    const actual = (error as { actualState?: CurrentStreamState }).actualState;
    return new ExpectedVersionConflictError(streamName, expected ?? { kind: 'any' }, fromCurrentState(actual));
  }
  if (type === ErrorType.STREAM_DELETED || type === ErrorType.STREAM_TOMBSTONED) {
    return new StreamDeletedError(streamName);
  }
  if (type === ErrorType.ACCESS_DENIED) {
    return new EventStoreAccessDeniedError(`Access to stream ${streamName} was denied by KurrentDB`);
  }
  const status = grpcStatus(error);
  if ((type !== undefined && UNAVAILABLE.has(type)) || (status !== undefined && GRPC_UNAVAILABLE.has(status))) {
    return new EventStoreUnavailableError('The KurrentDB event store cannot be reached', { cause: error });
  }
  if (status !== undefined && GRPC_DENIED.has(status)) {
    return new EventStoreAccessDeniedError(`Access to stream ${streamName} was denied by KurrentDB`);
  }
  return error;
}
