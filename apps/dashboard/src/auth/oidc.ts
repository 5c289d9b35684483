import * as oauth from 'oauth4webapi';
import { accessToken, storeAccessToken } from './token.js';

/** What GET /api/v1/auth/config answers. */
interface AuthConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

const PENDING_KEY = 'ehcp.signIn';

function redirectUri(): string {
  return `${location.origin}/`;
}

async function authConfig(): Promise<AuthConfig | null> {
  const response = await fetch('/api/v1/auth/config', { headers: { accept: 'application/json' } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`sign-in settings: HTTP ${response.status}`);
  return (await response.json()) as AuthConfig;
}

/** Plain http only for an issuer on this machine (the built-in one in development); anywhere else https. */
function insecure(issuer: URL): Record<symbol, boolean> {
  const local = issuer.hostname === 'localhost' || issuer.hostname === '127.0.0.1';
  return issuer.protocol === 'http:' && local ? { [oauth.allowInsecureRequests]: true } : {};
}

async function discover(config: AuthConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(issuer) }),
  );
}

/**
 * Makes sure the tab holds an access token: finishes a sign-in coming back from the issuer (authorization code
 * with PKCE), or starts one. Answers false while the browser is being sent to the issuer. A service without
 * sign-in settings (404) is used without a token.
 */
export async function ensureSignedIn(): Promise<boolean> {
  const here = new URL(location.href);
  const pending = sessionStorage.getItem(PENDING_KEY);
  if (pending !== null && (here.searchParams.has('code') || here.searchParams.has('error'))) {
    sessionStorage.removeItem(PENDING_KEY);
    const { verifier, state, hash } = JSON.parse(pending) as { verifier: string; state: string; hash: string };
    const config = await authConfig();
    if (config === null) throw new Error('sign-in settings disappeared during sign-in');
    const as = await discover(config);
    const client: oauth.Client = { client_id: config.clientId };
    const params = oauth.validateAuthResponse(as, client, here, state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      redirectUri(),
      verifier,
      insecure(new URL(config.issuer)),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response);
    storeAccessToken(result.access_token);
    history.replaceState(null, '', `/${hash}`);
    return true;
  }
  if (accessToken() !== null) return true;
  const config = await authConfig();
  if (config === null) return true;
  const as = await discover(config);
  if (as.authorization_endpoint === undefined) throw new Error('the issuer has no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.href);
  return false;
}
