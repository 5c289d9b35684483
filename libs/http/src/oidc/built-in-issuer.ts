import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Adapter, AdapterPayload, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { AccessRole } from '../access.js';
import { LocalAccounts, verifySecret, type LocalUser } from './accounts.js';
import { issuerDir, loadSigningKeys, writePrivateFile, type SigningKey } from './key-store.js';
import { MemoryAdapter } from './memory-adapter.js';

export interface BuiltInIssuerOptions {
  /** The issuer identifier, e.g. http://localhost:3000/oidc; the provider is mounted at its path. */
  readonly issuer: string;
  readonly dataDir: string;
  /** The API's audience (a resource indicator: an absolute URI). */
  readonly audience: string;
  readonly rolesClaim: string;
  readonly lasClaim: string;
  /** Where the dashboard's sign-in returns. */
  readonly dashboardRedirectUris: readonly string[];
  /** Access-token lifetime in seconds. */
  readonly accessTokenTtl?: number;
  /** Clients that exist only in this process (the CLI's one-off token client). */
  readonly ephemeralClients?: readonly EphemeralClient[];
}

export interface EphemeralClient {
  readonly clientId: string;
  readonly secret: string;
  readonly roles: readonly AccessRole[];
  readonly las: readonly string[];
}

export const DASHBOARD_CLIENT_ID = 'dashboard';
export const API_SCOPE = 'api';

/** Client metadata the provider reads; the roles and LAs travel as extra metadata into the token's claims. */
type ClientMetadata = AdapterPayload & { ehcp_roles?: readonly string[]; ehcp_las?: readonly string[] };

/**
 * The OpenID Connect provider that runs in-process when no external issuer is configured (`OIDC_ISSUER_URL` unset):
 * oidc-provider (OpenID Certified) with the client-credentials grant for case systems and the authorization-code
 * grant with PKCE for the dashboard's sign-in, signing JWT access tokens with keys kept in `<DATA_DIR>/oidc`.
 */
export async function createBuiltInIssuer(
  options: BuiltInIssuerOptions,
): Promise<{ provider: Provider; keys: SigningKey[] }> {
  // Loaded on first use: only a process that runs the issuer pays for it.
  const { default: OidcProvider, errors } = await import('oidc-provider');
  const keys = await loadSigningKeys(options.dataDir);
  const accounts = new LocalAccounts(options.dataDir);
  const ttl = options.accessTokenTtl ?? 900;

  const clientMetadata = (clientId: string): ClientMetadata | undefined => {
    if (clientId === DASHBOARD_CLIENT_ID) {
      return {
        client_id: DASHBOARD_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [...options.dashboardRedirectUris],
      };
    }
    const ephemeral = options.ephemeralClients?.find((c) => c.clientId === clientId);
    const local = ephemeral ?? accounts.clients().find((c) => c.clientId === clientId);
    if (local === undefined) return undefined;
    return {
      client_id: local.clientId,
      client_secret: 'secret' in local ? `plain$${local.secret}` : local.secretHash,
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      ehcp_roles: local.roles,
      ehcp_las: local.las,
    };
  };

  class IssuerAdapter implements Adapter {
    private readonly memory: MemoryAdapter;
    constructor(private readonly model: string) {
      this.memory = new MemoryAdapter(model);
    }
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      return this.memory.upsert(id, payload, expiresIn);
    }
    find(id: string): Promise<AdapterPayload | undefined> {
      return this.model === 'Client' ? Promise.resolve(clientMetadata(id)) : this.memory.find(id);
    }
    findByUserCode(): Promise<undefined> {
      return this.memory.findByUserCode();
    }
    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.memory.findByUid(uid);
    }
    consume(id: string): Promise<void> {
      return this.memory.consume(id);
    }
    destroy(id: string): Promise<void> {
      return this.memory.destroy(id);
    }
    revokeByGrantId(grantId: string): Promise<void> {
      return this.memory.revokeByGrantId(grantId);
    }
  }

  const userClaims = (user: LocalUser | undefined): Record<string, unknown> =>
    user === undefined ? {} : { [options.rolesClaim]: user.roles, [options.lasClaim]: user.las };

  const configuration: Configuration = {
    adapter: IssuerAdapter,
    jwks: { keys },
    cookies: { keys: cookieKeys(options.dataDir) },
    claims: { openid: ['sub'] },
    extraClientMetadata: { properties: ['ehcp_roles', 'ehcp_las'] },
    scopes: ['openid', API_SCOPE],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== options.audience) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: options.audience,
            accessTokenTTL: ttl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
      IdToken: ttl,
    },
    findAccount: (_ctx, sub) => {
      const user = accounts.users().find((u) => u.username === sub);
      if (user === undefined) return undefined;
      return { accountId: sub, claims: () => ({ sub }) };
    },
    extraTokenClaims: (ctx: KoaContextWithOIDC, token) => {
      if (token.kind === 'ClientCredentials') {
        const client = ctx.oidc.client as unknown as (ClientMetadata & { clientId: string }) | undefined;
        const meta = client === undefined ? undefined : clientMetadata(client.clientId);
        return {
          [options.rolesClaim]: meta?.ehcp_roles ?? [],
          [options.lasClaim]: meta?.ehcp_las ?? [],
          client_id: client?.clientId,
        };
      }
      const accountId = 'accountId' in token ? (token.accountId as string | undefined) : undefined;
      return userClaims(accounts.users().find((u) => u.username === accountId));
    },
    interactions: { url: (_ctx, interaction) => `${new URL(options.issuer).pathname}/interaction/${interaction.uid}` },
    renderError: (ctx, out) => {
      ctx.type = 'application/json';
      ctx.body = { error: out.error, error_description: out.error_description };
    },
  };

  const provider = new OidcProvider(options.issuer, configuration);
  // Client secrets are stored as scrypt hashes; a one-off in-process client keeps its secret in memory only.
  provider.Client.prototype.compareClientSecret = async function compare(
    this: { clientSecret?: string },
    actual: string,
  ) {
    const stored = this.clientSecret ?? '';
    if (stored.startsWith('plain$')) return stored.slice('plain$'.length) === actual;
    return verifySecret(actual, stored);
  };
  return { provider, keys };
}

/** Keys that sign the provider's cookies, created on first start beside the signing keys. */
function cookieKeys(dataDir: string): string[] {
  const path = join(issuerDir(dataDir), 'cookie-keys.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as string[];
  const keys = [randomBytes(32).toString('base64url')];
  writePrivateFile(path, JSON.stringify(keys));
  return keys;
}
