import type { FastifyRequest } from 'fastify';

/** The route template that answered (e.g. /api/v1/las/:la/cases/:caseId/clock), never the raw URL. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions?.url ?? 'unmatched';
}

interface WithPrincipal {
  readonly principal?: { readonly subject?: string };
}

/** The authenticated caller's subject, when the auth guard has put a principal on the request. */
export function callerOf(request: FastifyRequest): string | undefined {
  return (request as unknown as WithPrincipal).principal?.subject;
}
