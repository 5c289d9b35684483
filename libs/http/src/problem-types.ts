/**
 * The `type` URIs of the service's problem documents (RFC 9457), each with its status and one sentence. The README
 * table, the OpenAPI `Problem` schema and every `problem(...)` thrown use these names, checked by a test.
 */
export const PROBLEM_TYPE_BASE = 'https://ehcp-monitor.dev/problems/';

export const PROBLEM_TYPES = {
  'invalid-request': {
    status: [400, 413, 415],
    description:
      'The request is not valid: a bad parameter or body, named field by field in `errors` (a body above 4 MiB is 413).',
  },
  unauthenticated: { status: [401], description: 'The route needs a bearer access token and none was sent.' },
  'invalid-token': {
    status: [401],
    description: 'The access token is not valid: signature, issuer, audience or lifetime.',
  },
  forbidden: { status: [403], description: "The token's roles or LAs do not cover this route or this LA." },
  'unknown-la': { status: [404], description: 'The LA code is not one the DfE publishes figures for.' },
  'unknown-event-type': { status: [404], description: 'The contract has no event type of this name.' },
  'rate-limited': {
    status: [429],
    description: 'The caller sent more requests a minute than allowed; retry after `Retry-After` seconds.',
  },
  'backup-not-embedded': {
    status: [501],
    description: 'The service runs on a PostgreSQL server, which is backed up with pg_dump rather than by the service.',
  },
  'pdf-renderer-unavailable': {
    status: [501],
    description: 'No Chromium is installed where `CHROMIUM_PATH` points, so board packs cannot be printed to PDF here.',
  },
  'pdf-renderer-busy': {
    status: [503],
    description: 'Every PDF printer is busy and the queue is full, or the print timed out. Retry after `Retry-After`.',
  },
  unavailable: {
    status: [503],
    description: 'The database cannot be reached; nothing of the request was stored. Retry after `Retry-After`.',
  },
  'partly-stored': {
    status: [500, 503],
    description:
      'A batch was stored in part: `results` says per fact what was stored, refused or not stored; 503 with `Retry-After` when a retry can succeed.',
  },
  'issuer-unavailable': {
    status: [503],
    description: "The token issuer's keys could not be fetched to verify the token. Retry after `Retry-After`.",
  },
} as const satisfies Record<string, { readonly status: readonly number[]; readonly description: string }>;

export type ProblemTypeName = keyof typeof PROBLEM_TYPES;

/** The URI of a problem type. */
export function problemType(name: ProblemTypeName): string {
  return `${PROBLEM_TYPE_BASE}${name}`;
}

/** Other errors (a 404 for a route or a record, a 503 while a read model is first built) are `about:blank`. */
export const GENERIC_PROBLEM_TYPE = 'about:blank';
