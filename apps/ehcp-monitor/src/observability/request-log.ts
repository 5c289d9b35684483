import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { REQUEST_ID_HEADER } from './request-id.js';
import { callerOf, routeOf } from './route-of.js';

/**
 * One log line per request: request id, method, route template, status, duration and caller. Nothing from the URL,
 * the query or the body is written. The request id is returned in the X-Request-Id header.
 */
@Injectable()
export class RequestLog implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('HTTP');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      void reply.header(REQUEST_ID_HEADER, request.id);
    });
    fastify.addHook('onResponse', async (request, reply) => {
      const caller = callerOf(request);
      this.logger.logger.info(
        {
          requestId: request.id,
          method: request.method,
          route: routeOf(request),
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 10) / 10,
          ...(caller === undefined ? {} : { caller }),
        },
        'request',
      );
    });
  }
}
