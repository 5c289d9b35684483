import { EventStoreUnavailableError } from '../event-store.js';

/** Node socket errors and PostgreSQL SQLSTATEs that mean the database cannot be reached or is going away. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '3D000', // invalid_catalog_name: the configured database does not exist
]);

/** Messages pg raises without a code when the connection is lost or the pool is gone. */
const UNREACHABLE_MESSAGES = [
  /Connection terminated/i,
  /connection timeout/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /Client was closed and is not queryable/i,
];

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' ? code : undefined;
}

export function constraintName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined;
  const { constraint } = error;
  return typeof constraint === 'string' ? constraint : undefined;
}

export function isUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  const message = error instanceof Error ? error.message : '';
  return UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message));
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return errorCode(error) === '23505' && constraintName(error) === constraint;
}

/** Connection failures become EventStoreUnavailableError; anything else is returned unchanged. */
export function toEventStoreError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailableError || !isUnreachable(error)) return error;
  return new EventStoreUnavailableError('The PostgreSQL event store cannot be reached', { cause: error });
}
