import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Metrics } from './metrics.js';
import { routeOf } from './route-of.js';

/** Observes every request's duration by route template (never the raw URL), method and status. */
@Injectable()
export class RequestMetrics implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.requestDuration.observe(
        { route: routeOf(request), method: request.method, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }
}
