import { Public } from '#http';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ComponentStates } from './component-states.js';
import { readiness } from './readiness.js';

/** Probes for orchestrators: no token, no detail (the detailed report is the admins' GET /health). */
@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(private readonly states: ComponentStates) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database reachable, migrations applied, projector and Kafka consumer not stuck',
    description:
      'Answers 200 or 503 from states refreshed in the background every 2 s; never queries on the request. A 503 ' +
      'names each component that is not ready and why (e.g. a Kafka partition with messages waiting and no ' +
      'progress for KAFKA_STALL_SECONDS), without hosts or credentials.',
  })
  ready(@Res({ passthrough: true }) reply: FastifyReply): {
    status: 'ok' | 'unavailable';
    reasons?: Readonly<Record<string, string>>;
  } {
    const { ready, reasons } = readiness(this.states.all());
    if (ready) return { status: 'ok' };
    void reply.status(503);
    return { status: 'unavailable', reasons };
  }
}
