import {
  HttpException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthorisedRequest } from '../auth/auth.guard.js';
import { AuditLog, MAX_LISTED_CASES } from './audit-log.js';
import { caseIdsInAnswer } from './case-ids.js';

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/**
 * Appends one audit record for each request of a route marked `audit` that returns case-level data or changes
 * state, before the answer leaves: if the record cannot be written the caller gets an error, not the data.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthorisedRequest>();
    const rule = request.accessRule;
    if (rule?.audit === undefined || request.principal === undefined) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(
      (async () => {
        try {
          const answer: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const found = caseIdsInAnswer(request.answerBeforeExport ?? answer);
          const params = request.params as Record<string, unknown>;
          if (typeof params.caseId === 'string' && !found.ids.includes(params.caseId)) {
            found.ids.unshift(params.caseId);
            found.count++;
          }
          if (rule.audit === 'change' || found.count > 0) await this.write(request, reply.statusCode, found);
          return answer;
        } catch (error) {
          const status = error instanceof HttpException ? error.getStatus() : 500;
          await this.write(request, status, { ids: caseParam(request), count: caseParam(request).length }).catch(
            () => undefined,
          );
          throw error;
        }
      })(),
    );
  }

  private write(request: AuthorisedRequest, status: number, cases: { ids: string[]; count: number }): Promise<void> {
    return writeAudit(this.audit, request, status, cases);
  }
}

function caseParam(request: AuthorisedRequest): string[] {
  const id = (request.params as Record<string, unknown> | undefined)?.caseId;
  return typeof id === 'string' ? [id] : [];
}

export function writeAudit(
  audit: AuditLog,
  request: AuthorisedRequest,
  status: number,
  cases: { ids: readonly string[]; count: number },
  detail?: string,
): Promise<void> {
  const principal = request.principal!;
  const la = (request.params as Record<string, unknown> | undefined)?.la;
  return audit.record({
    subject: principal.subject,
    clientId: principal.clientId,
    roles: principal.roles,
    method: request.method,
    route: request.routeOptions?.url ?? 'unknown',
    la: typeof la === 'string' ? la : undefined,
    caseIds: cases.count > MAX_LISTED_CASES ? [] : cases.ids,
    caseCount: cases.count,
    status,
    ...(detail === undefined ? {} : { detail }),
  });
}
