import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SignJWT, base64url, importJWK } from 'jose';
import { LocalAccounts, createBuiltInIssuer, loadSigningKeys, rotateSigningKey, type SigningKey } from '#http';
import { startTestApp, tempDataDir, type TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

const AUDIENCE = 'api://ehcp-monitor';

/** oidc-provider on its own port, as an LA's own issuer would be. */
async function startIssuer(dataDir: string, port = 0): Promise<{ server: Server; issuer: string; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${bound}/oidc`;
  const { provider } = await createBuiltInIssuer({
    issuer,
    dataDir,
    audience: AUDIENCE,
    rolesClaim: 'roles',
    lasClaim: 'las',
    dashboardRedirectUris: [],
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    (req as typeof req & { originalUrl?: string }).originalUrl = req.url;
    req.url = (req.url ?? '/').replace(/^\/oidc/, '') || '/';
    void handle(req, res);
  });
  return { server, issuer, port: bound };
}

async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

async function stopIssuer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

async function clientCredentials(issuer: string, clientId: string, secret: string): Promise<string> {
  // Retried once: a pooled connection to an issuer restarted on the same port (the rotation test) is closed.
  const response = await fetchOnce(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=api',
  });
  const body = (await response.json()) as { access_token: string };
  expect(response.status).toBe(200);
  return body.access_token;
}

describe('an external OpenID Connect issuer (OIDC_ISSUER_URL)', () => {
  const issuerData = tempDataDir();
  let issuer: { server: Server; issuer: string; port: number };
  let t: TestApp;
  let secret: string;
  let key: SigningKey;
  const url = '/api/v1/las/202/kpis/caseload?from=2024-01-01&to=2024-03-31';

  const sign = async (claims: Record<string, unknown>, alg = 'RS256') =>
    new SignJWT({ roles: ['manager'], las: ['202'], ...claims })
      .setProtectedHeader({ alg, kid: key.kid })
      .setSubject('someone')
      .sign(await importJWK(key, alg));
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await startIssuer(issuerData.dir);
    secret = await new LocalAccounts(issuerData.dir).addClient('case-system-1', ['manager'], ['202']);
    key = (await loadSigningKeys(issuerData.dir))[0]!;
    t = await startTestApp({ env: { OIDC_ISSUER_URL: issuer.issuer, OIDC_JWKS_COOLDOWN_SECONDS: '0' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    if (issuer !== undefined) await stopIssuer(issuer.server);
    issuerData.remove();
  });

  it('accepts its client-credentials access tokens', async () => {
    const token = await clientCredentials(issuer.issuer, 'case-system-1', secret);
    expect((await t.inject('GET', url, undefined, token)).status).toBe(200);
  });

  it('refuses a wrong client secret at the issuer', async () => {
    const response = await fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('case-system-1:wrong').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=api',
    });
    expect(response.status).toBe(401);
  });

  it('answers 401 to expired, not-yet-valid, wrong-issuer, wrong-audience, alg none, HS256 and tampered tokens', async () => {
    const base = { iss: issuer.issuer, aud: AUDIENCE };
    const good = await sign({ ...base, exp: now() + 300 });
    expect((await t.inject('GET', url, undefined, good)).status).toBe(200);

    const publicPem = createPublicKey({ key: key as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const hs256 = await new SignJWT({ ...base, roles: ['manager'], las: ['202'], exp: now() + 300 })
      .setProtectedHeader({ alg: 'HS256', kid: key.kid })
      .setSubject('someone')
      .sign(new TextEncoder().encode(String(publicPem)));
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${base64url.encode(JSON.stringify({ ...claims, las: ['202', '203'] }))}.${signature}`;
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`;

    const bad: Record<string, string> = {
      expired: await sign({ ...base, exp: now() - 120 }),
      notYetValid: await sign({ ...base, nbf: now() + 300, exp: now() + 600 }),
      wrongIssuer: await sign({ iss: 'http://127.0.0.1:1/oidc', aud: AUDIENCE, exp: now() + 300 }),
      wrongAudience: await sign({ iss: issuer.issuer, aud: 'api://something-else', exp: now() + 300 }),
      none,
      hs256,
      tampered,
    };
    for (const [name, token] of Object.entries(bad)) {
      const answer = await t.inject('GET', url, undefined, token);
      expect({ name, status: answer.status }).toEqual({ name, status: 401 });
    }
  });

  it('follows a key rotation (a new kid) without a restart', async () => {
    await rotateSigningKey(issuerData.dir);
    const rotated = (await loadSigningKeys(issuerData.dir))[0]!;
    expect(rotated.kid).not.toBe(key.kid);
    await stopIssuer(issuer.server);
    issuer = await startIssuer(issuerData.dir, issuer.port);
    const token = await clientCredentials(issuer.issuer, 'case-system-1', secret);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid).toBe(rotated.kid);
    expect((await t.inject('GET', url, undefined, token)).status).toBe(200);
  });
});
