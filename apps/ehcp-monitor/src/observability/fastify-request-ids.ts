import type { IncomingHttpHeaders } from 'node:http';
import { requestIdFrom, REQUEST_ID_HEADER } from './request-id.js';

/**
 * Fastify options that take the request id from a sane X-Request-Id or generate one, and leave it on the raw
 * request too, where the pino-http middleware picks it up so that every line of the request carries the same id.
 */
export const fastifyRequestIds = {
  genReqId(req: { headers: IncomingHttpHeaders }): string {
    const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    (req as { id?: string }).id = id;
    return id;
  },
} as const;
