import { HttpException, Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AuditLog } from '../audit/audit-log.js';
import { AUDIT_LOG, writeAudit } from '../audit/audit.interceptor.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_RULE, PUBLIC_ROUTE, type AccessRule } from '../access.js';
import { LA_CODE } from '../la-code.js';
import { problem } from '../problems.js';
import { problemType } from '../problem-types.js';
import { principalFrom, type ClaimNames, type Principal } from './principal.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

export interface AuthSettings {
  readonly verifier: TokenVerifier;
  readonly claims: ClaimNames;
  /** Whether an LA code is one the DfE publishes (an unknown code is a 404 everywhere). */
  readonly isKnownLa: (la: string) => boolean;
}
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

/** What the guard leaves on the request for the audit and the handlers. */
export interface AuthorisedRequest extends FastifyRequest {
  principal?: Principal;
  accessRule?: AccessRule;
  /** A route's JSON answer when it left as a CSV or XLSX file (set by the export layer, read by the audit). */
  answerBeforeExport?: unknown;
}

/**
 * The one check every route passes: a verified bearer token, a role the route allows, and the route's LA among the
 * caller's. A route without an access rule is refused, so a new route cannot be left open by forgetting it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Optional() @Inject(AUDIT_LOG) private readonly audit?: AuditLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true) return true;
    const request = context.switchToHttp().getRequest<AuthorisedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (rule === undefined)
      throw problem(403, 'Forbidden', 'This route declares no access rule', problemType('forbidden'));

    const principal = await this.authenticate(request, reply);
    request.principal = principal;
    request.accessRule = rule;
    try {
      authorise(rule, principal, request, this.settings.isKnownLa);
    } catch (refusal) {
      // A refused attempt at personal data is part of the trail too.
      if (rule.audit !== undefined && this.audit !== undefined) {
        const status = refusal instanceof HttpException ? refusal.getStatus() : 403;
        const caseId = (request.params as Record<string, unknown> | undefined)?.caseId;
        const ids = typeof caseId === 'string' ? [caseId] : [];
        await writeAudit(this.audit, request, status, { ids, count: ids.length });
      }
      throw refusal;
    }
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/.exec(header) : null;
    if (match === null) {
      void reply.header('WWW-Authenticate', 'Bearer realm="ehcp-monitor"');
      throw problem(401, 'Unauthorized', 'This route needs a bearer access token', problemType('unauthenticated'));
    }
    try {
      return principalFrom(await this.settings.verifier.verify(match[1]!), this.settings.claims);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) {
        void reply.header('Retry-After', '30');
        throw problem(
          503,
          'Service Unavailable',
          "The token issuer's keys could not be fetched",
          problemType('issuer-unavailable'),
        );
      }
      void reply.header('WWW-Authenticate', 'Bearer realm="ehcp-monitor", error="invalid_token"');
      throw problem(401, 'Unauthorized', 'The access token is not valid', problemType('invalid-token'));
    }
  }
}

/**
 * The access matrix: roles, the LA of the path, and case lists for managers only. (Every fact of a batch must be of
 * the path's LA, which the ingestion controller checks field by field.)
 */
export function authorise(
  rule: AccessRule,
  principal: Principal,
  request: FastifyRequest,
  isKnownLa: (la: string) => boolean,
): void {
  const forbidden = (detail: string) => problem(403, 'Forbidden', detail, problemType('forbidden'));
  if (!principal.roles.some((role) => rule.roles.includes(role))) {
    throw forbidden(`This route is for the ${rule.roles.join(' or ')} role`);
  }
  const asAdmin = principal.roles.includes('admin') && rule.roles.includes('admin');
  if (rule.la === 'path') {
    const la = (request.params as Record<string, unknown> | undefined)?.la;
    if (typeof la !== 'string' || !LA_CODE.test(la)) {
      throw problem(
        400,
        'Bad Request',
        'The LA in the URL must be a DfE three-digit LA code, e.g. 202',
        problemType('invalid-request'),
      );
    }
    if (!isKnownLa(la)) throw problem(404, 'Not Found', `${la} is not a DfE LA code`, problemType('unknown-la'));
    if (!asAdmin && !principal.las.includes(la)) throw forbidden(`The token does not grant LA ${la}`);
  }
  const query = request.query as Record<string, unknown> | undefined;
  if (query?.includeCases === 'true' && !principal.roles.includes('manager') && !asAdmin) {
    throw forbidden('Case lists are for the manager role');
  }
}
