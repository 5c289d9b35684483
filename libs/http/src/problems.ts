import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GENERIC_PROBLEM_TYPE, problemType } from './problem-types.js';

/** A field-level error in a request, named by its path in the body (e.g. `[3].occurredOn`). */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** RFC 9457 problem details. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
}

/** Thrown by controllers for a 4xx whose body is a problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails) {
    super(problem, problem.status);
  }
}

export function badRequest(detail: string, errors?: readonly FieldError[]): ProblemException {
  return new ProblemException({
    type: problemType('invalid-request'),
    title: 'The request is not valid',
    status: HttpStatus.BAD_REQUEST,
    detail,
    ...(errors ? { errors } : {}),
  });
}

/** Every error leaves the service as application/problem+json; unexpected ones as a 500 without internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (isUnavailable(exception)) {
      void reply
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .header('content-type', 'application/problem+json')
        .header('retry-after', '5')
        .send({
          type: problemType('unavailable'),
          title: 'Service Unavailable',
          status: 503,
          detail: 'The database cannot be reached; nothing of this request was stored. Retry later.',
          instance: request.url,
        });
      return;
    }
    const problem = this.toProblem(exception, request.url);
    if (problem.status >= 500) {
      // Never log payloads: the error's name and message only.
      const name = exception instanceof Error ? exception.name : typeof exception;
      const message = exception instanceof Error ? exception.message : '';
      this.logger.error(`${request.method} ${request.routeOptions?.url ?? ''} failed: ${name}: ${message}`);
    }
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  private toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof ProblemException) return { ...exception.problem, instance };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : typeof response === 'object' && response !== null && 'message' in response
            ? String(response.message)
            : exception.message;
      return { type: GENERIC_PROBLEM_TYPE, title: statusTitle(status), status, detail, instance };
    }
    // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
    if (exception instanceof Error && 'statusCode' in exception && typeof exception.statusCode === 'number') {
      const status = exception.statusCode;
      if (status >= 400 && status < 500) {
        return {
          type: problemType('invalid-request'),
          title: 'The request is not valid',
          status,
          detail: exception.message,
          instance,
        };
      }
    }
    return {
      type: GENERIC_PROBLEM_TYPE,
      title: 'Internal Server Error',
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The service could not complete the request; nothing was half-written. Retry later.',
      instance,
    };
  }
}

/** `BAD_REQUEST` -> `Bad Request`. */
function statusTitle(status: number): string {
  const name = HttpStatus[status];
  if (name === undefined) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function problem(status: number, title: string, detail: string, type = GENERIC_PROBLEM_TYPE): ProblemException {
  return new ProblemException({ type, title, status, detail });
}

/** The database or event store is down or refusing connections (not a bug in the request or the service). */
function isUnavailable(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  if (exception.name === 'EventStoreUnavailableError') return true;
  const code = (exception as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code))
  );
}
