import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
import type { ServiceConfig } from '../config/config.js';
import { pinoOptions } from './log-options.js';
import { RequestLog } from './request-log.js';
import { requestIdFrom, REQUEST_ID_HEADER } from './request-id.js';

/**
 * Structured JSON logs through nestjs-pino. pino-http's own per-request line is off: RequestLog writes one line per
 * request with the route template (which only Fastify knows) instead of the raw URL.
 */
@Module({})
export class LoggingModule {
  static with(config: ServiceConfig, destination?: DestinationStream): DynamicModule {
    const options = {
      ...pinoOptions(config.logLevel, destination),
      autoLogging: false,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId' },
      // Fastify has already chosen the id (see fastify-request-ids.ts) and put it on the raw request.
      genReqId: (req: IncomingMessage) =>
        typeof req.id === 'string' ? req.id : requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination === undefined ? options : [options, destination] })],
      providers: [RequestLog],
    };
  }
}
