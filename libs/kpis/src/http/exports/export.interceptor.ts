import {
  applyDecorators,
  StreamableFile,
  createParamDecorator,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { AuthorisedRequest } from '#http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { csvStream } from './csv.js';
import { chooseFormat, CSV_TYPE, XLSX_TYPE, type ExportFormat } from './negotiate.js';
import type { Table } from './table.js';
import { xlsxStream } from './xlsx.js';

/** A request answered as a file: the route lists everything it would otherwise page. */
export type ExportingRequest = FastifyRequest & { exportFormat?: Exclude<ExportFormat, 'json'> };

/** True inside a route when its answer is being exported as CSV or XLSX. */
export const Exporting = createParamDecorator(
  (_: unknown, context: ExecutionContext): boolean =>
    context.switchToHttp().getRequest<ExportingRequest>().exportFormat !== undefined,
);

/** Flattens a route's JSON answer to a table; `la` is the route's `{la}` parameter. */
export type ToTable<T> = (answer: T, la: string) => Table;

/**
 * Answers a JSON route as CSV or XLSX when asked (`format=csv|xlsx` or the Accept header). The `format` parameter
 * is taken off the query before the route reads it. Exports are files of case-level or board figures: they are
 * never stored by caches (`Cache-Control: no-store`) and come as an attachment named after the report. The file is
 * streamed as it is written (chunked), so a long list is never built whole in memory.
 */
class ExportInterceptor<T> implements NestInterceptor<T, unknown> {
  constructor(private readonly toTable: ToTable<T>) {}

  intercept(context: ExecutionContext, next: CallHandler<T>): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Querystring: Record<string, unknown> }>>();
    const reply = http.getResponse<FastifyReply>();
    const query = request.query;
    const format = chooseFormat(query?.['format'], request.headers.accept);
    if (query !== undefined && query !== null) delete query['format'];
    if (format === 'json') return next.handle();
    (request as ExportingRequest).exportFormat = format;
    const params = request.params as Record<string, string | undefined>;
    return next.handle().pipe(
      map((answer) => {
        // The audit reads the case references from the answer before it became a file.
        (request as AuthorisedRequest).answerBeforeExport = answer;
        void reply.header('cache-control', 'no-store');
        return file(format, this.toTable(answer, params['la'] ?? ''));
      }),
    );
  }
}

function file(format: Exclude<ExportFormat, 'json'>, table: Table): StreamableFile {
  return new StreamableFile(format === 'csv' ? csvStream(table) : xlsxStream(table), {
    type: format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : XLSX_TYPE,
    disposition: `attachment; filename="${table.name}.${format}"`,
  });
}

/** Lets a route answer CSV and XLSX beside JSON, and documents it. */
export function Exportable<T>(toTable: ToTable<T>): MethodDecorator {
  return applyDecorators(
    UseInterceptors(new ExportInterceptor(toTable)),
    ApiProduces('application/json', CSV_TYPE, XLSX_TYPE),
    ApiQuery({
      name: 'format',
      required: false,
      enum: ['json', 'csv', 'xlsx'],
      description: 'csv (UTF-8 with BOM) or xlsx instead of JSON; the Accept header works too',
    }),
  );
}
