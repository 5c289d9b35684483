import { Access } from '#http';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Metrics } from './metrics.js';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Access({ roles: ['admin'], la: 'none' })
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics: requests, facts, projector and Kafka lag, dead letters, rollup runs' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
