import { describe, expect, it } from '@jest/globals';
import {
  AccessDeniedError,
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  TimeoutError,
  START,
  STREAM_EXISTS,
  StreamDeletedError as KurrentStreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  EventStoreAccessDeniedError,
  EventStoreUnavailableError,
  ExpectedVersion,
  ExpectedVersionConflictError,
  StreamDeletedError,
} from '../event-store.js';
import {
  eventIdStreamName,
  fromCurrentState,
  isApplicationStream,
  isStreamNotFound,
  readPositionAfter,
  toEventStoreError,
  toStreamState,
} from './kurrentdb-mapping.js';

describe('KurrentDB expected version mapping', () => {
  it('maps each kind onto a stream state', () => {
    expect(toStreamState(ExpectedVersion.noStream)).toBe(NO_STREAM);
    expect(toStreamState(ExpectedVersion.exists)).toBe(STREAM_EXISTS);
    expect(toStreamState(ExpectedVersion.any)).toBe(ANY);
    expect(toStreamState(ExpectedVersion.exact(0))).toBe(0n);
    expect(toStreamState(ExpectedVersion.exact(41))).toBe(41n);
    expect(toStreamState(ExpectedVersion.exact(-1))).toBe(NO_STREAM);
  });

  it('reads the current state back as a port version', () => {
    expect(fromCurrentState(NO_STREAM)).toBe(-1);
    expect(fromCurrentState(7n)).toBe(7);
    expect(fromCurrentState(-5n)).toBe(-1);
    expect(fromCurrentState(undefined)).toBe(-1);
  });
});

describe('KurrentDB error mapping', () => {
  it('maps a wrong expected version to the port conflict with the actual version', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current: 5n });
    const mapped = toEventStoreError(wrong, 's', ExpectedVersion.exact(3));
    expect(mapped).toBeInstanceOf(ExpectedVersionConflictError);
    expect((mapped as ExpectedVersionConflictError).actualVersion).toBe(5);
    expect((mapped as ExpectedVersionConflictError).expected).toEqual(ExpectedVersion.exact(3));

    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(
      (toEventStoreError(missing, 's', ExpectedVersion.exists) as ExpectedVersionConflictError).actualVersion,
    ).toBe(-1);
  });

  it('maps deleted streams, denied access and transport failures', () => {
    const deleted = toEventStoreError(KurrentStreamDeletedError.fromStreamName('s'), 's');
    expect(deleted).toBeInstanceOf(StreamDeletedError);
    expect((deleted as StreamDeletedError).streamName).toBe('s');
    expect(toEventStoreError(new AccessDeniedError(), 's')).toBeInstanceOf(EventStoreAccessDeniedError);
    for (const transport of [new DeadlineExceededError(), new UnavailableError(), new TimeoutError()]) {
      const mapped = toEventStoreError(transport, 's');
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).cause).toBe(transport);
    }
  });

  it('maps raw gRPC failures by status code', () => {
    const grpc = (code: number): Error =>
      Object.assign(new Error(`${code} failed`), { code, details: '', metadata: {} });
    for (const code of [14, 4, 1])
      expect(toEventStoreError(grpc(code), 's')).toBeInstanceOf(EventStoreUnavailableError);
    for (const code of [7, 16]) expect(toEventStoreError(grpc(code), 's')).toBeInstanceOf(EventStoreAccessDeniedError);
    const invalid = grpc(3);
    expect(toEventStoreError(invalid, 's')).toBe(invalid);
  });

  it('leaves other errors unchanged and recognises a missing stream', () => {
    const unknown = new UnknownError();
    expect(toEventStoreError(unknown, 's')).toBe(unknown);
    const plain = new Error('boom');
    expect(toEventStoreError(plain, 's')).toBe(plain);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isStreamNotFound(unknown)).toBe(false);
  });
});

describe('KurrentDB global reads', () => {
  it('start at the beginning for checkpoint 0 and at the checkpoint otherwise', () => {
    expect(readPositionAfter(0n)).toBe(START);
    expect(readPositionAfter(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('leave out system streams and idempotency markers', () => {
    expect(isApplicationStream('ehcp-case-e09-123')).toBe(true);
    expect(isApplicationStream('$stats-127.0.0.1:2113')).toBe(false);
    expect(isApplicationStream('$$ehcp-case-e09-123')).toBe(false);
    expect(isApplicationStream(eventIdStreamName('6F1C2D1E-0000-4000-8000-000000000001'))).toBe(false);
    expect(eventIdStreamName('6F1C2D1E-0000-4000-8000-000000000001')).toBe(
      'ehcp-eid-6f1c2d1e-0000-4000-8000-000000000001',
    );
  });
});
