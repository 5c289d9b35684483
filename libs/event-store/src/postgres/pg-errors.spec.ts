import { describe, expect, it } from '@jest/globals';
import { EventStoreUnavailableError } from '../event-store.js';
import { isUniqueViolation, isUnreachable, toEventStoreError } from './pg-errors.js';

const withCode = (code: string, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(`failed with ${code}`), { code, ...extra });

describe('PostgreSQL error mapping', () => {
  it('treats socket failures, connection-class SQLSTATEs and lost connections as unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '08006', '08001', '57P01', '57P03', '53300']) {
      expect(isUnreachable(withCode(code))).toBe(true);
    }
    expect(isUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnreachable(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves statement errors alone', () => {
    for (const code of ['23505', '42P01', '22P02', '40001']) expect(isUnreachable(withCode(code))).toBe(false);
    expect(isUnreachable('not an error')).toBe(false);
  });

  it('wraps only unreachable errors, keeping the cause', () => {
    const refused = withCode('ECONNREFUSED');
    const mapped = toEventStoreError(refused);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect((mapped as Error).cause).toBe(refused);
    const syntax = withCode('42601');
    expect(toEventStoreError(syntax)).toBe(syntax);
    expect(toEventStoreError(mapped)).toBe(mapped);
  });

  it('recognises a unique violation by its constraint', () => {
    const violation = withCode('23505', { constraint: 'events_event_id_key' });
    expect(isUniqueViolation(violation, 'events_event_id_key')).toBe(true);
    expect(isUniqueViolation(violation, 'events_stream_version_key')).toBe(false);
    expect(isUniqueViolation(withCode('23503', { constraint: 'events_event_id_key' }), 'events_event_id_key')).toBe(
      false,
    );
  });
});
