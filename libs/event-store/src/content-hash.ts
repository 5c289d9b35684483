import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The SHA-256 (hex) of a JSON value's canonical form (RFC 8785: keys sorted, numbers and strings in one spelling), so
 * that the same content always hashes the same whatever the order of its keys.
 */
export function contentHash(value: unknown): string {
  const canonical = canonicalize(value);
  if (canonical === undefined) throw new TypeError('Content must be a JSON value');
  return createHash('sha256').update(canonical).digest('hex');
}
