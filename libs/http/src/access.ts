import { SetMetadata } from '@nestjs/common';

/** The roles a token can carry (see the README's access matrix). */
export type AccessRole = 'case-system' | 'manager' | 'board' | 'admin';
export const ACCESS_ROLES: readonly AccessRole[] = ['case-system', 'manager', 'board', 'admin'];

/**
 * Who may call a route. Every controller method declares one (the auth guard refuses a route without it, and the
 * route-table test walks the OpenAPI document to prove it):
 * - `roles`: the roles allowed; `admin` is allowed only where listed;
 * - `la`: `path` when the route has an `{la}` parameter the caller's LAs must include, `none` when it has none;
 * - `audit`: `case-data` when the answer can hold case-level data, `change` when it changes state; either appends
 *   one audit record per request.
 */
export interface AccessRule {
  readonly roles: readonly AccessRole[];
  readonly la: 'path' | 'none';
  readonly audit?: 'case-data' | 'change';
}

export const ACCESS_RULE = 'ehcp:access-rule';
export const PUBLIC_ROUTE = 'ehcp:public-route';

export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_RULE, rule);

/** A route anyone may call (only the bare liveness probe and the sign-in configuration are). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
