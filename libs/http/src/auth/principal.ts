import type { JWTPayload } from 'jose';
import { ACCESS_ROLES, type AccessRole } from '../access.js';
import { LA_CODE } from '../la-code.js';

/** Who is calling: from a verified access token. */
export interface Principal {
  /** The token's `sub`: a person, or the client itself for the client-credentials grant. */
  readonly subject: string;
  /** The OAuth client the token was issued to (`client_id`, `azp` or Entra's `appid`), when it says. */
  readonly clientId: string | undefined;
  readonly roles: readonly AccessRole[];
  readonly las: readonly string[];
}

export interface ClaimNames {
  readonly roles: string;
  readonly las: string;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((v) => v.length > 0);
  return [];
}

/**
 * Reads roles and LA codes from the configured claims. A role `la.<code>` (an Entra ID app role, which cannot carry a
 * value) grants that LA too, so an LA's tenant can express everything with app roles alone.
 */
export function principalFrom(payload: JWTPayload, claims: ClaimNames): Principal {
  const rawRoles = strings(payload[claims.roles]);
  const roles = rawRoles.filter((r): r is AccessRole => (ACCESS_ROLES as readonly string[]).includes(r));
  const fromRoles = rawRoles.flatMap((r) => (/^la\.\d{3}$/.test(r) ? [r.slice(3)] : []));
  const las = [...new Set([...strings(payload[claims.las]), ...fromRoles])].filter((la) => LA_CODE.test(la));
  const clientId = [payload.client_id, payload.azp, payload.appid].find((v): v is string => typeof v === 'string');
  return { subject: typeof payload.sub === 'string' ? payload.sub : (clientId ?? 'unknown'), clientId, roles, las };
}
