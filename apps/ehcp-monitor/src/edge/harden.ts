import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { problem, problemType } from '#http';
import type { ServiceConfig } from '../config/config.js';

/**
 * The service's edge, in one place: security headers, no caching of answers (they carry children's data), CORS only
 * for the listed origins, and a rate limit per caller with a problem+json 429.
 */
export async function hardenEdge(app: NestFastifyApplication, config: ServiceConfig): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", ...(config.auth.issuerUrl === undefined ? [] : [new URL(config.auth.issuerUrl).origin])],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    });
  }
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // A caller is its bearer token (hashed, never kept) or, without one, its address.
    keyGenerator: (request) => {
      const header = request.headers.authorization;
      return typeof header === 'string' && header.length > 0
        ? createHash('sha256').update(header).digest('base64url')
        : request.ip;
    },
    allowList: (request) => request.url === '/health/live' || request.url === '/health/ready',
    // Thrown as a problem, so the service's one error filter answers it as problem+json like any other 4xx.
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        problem(
          429,
          'Too Many Requests',
          `At most ${context.max} requests a minute per caller; retry in ${Math.ceil(context.ttl / 1000)} s`,
          problemType('rate-limited'),
        ),
        { statusCode: 429 },
      ),
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/v1/')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
