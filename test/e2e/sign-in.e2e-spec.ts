import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { decodeJwt } from 'jose';
import { LocalAccounts } from '#http';
import { startTestApp, type TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

/** A browser's cookie jar, just enough for the sign-in's redirects. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('signing in to the built-in issuer (authorization code with PKCE)', () => {
  let t: TestApp;
  let base: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    t = await startTestApp();
    base = await t.listen();
    await new LocalAccounts(t.dataDir).addUser('alice', password, ['manager'], ['202']);
  }, 60_000);
  afterAll(async () => t?.close());

  async function step(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, base), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(response);
    return response;
  }

  async function signIn(user: string, secret: string): Promise<{ login: Response; jar: Jar; verifier: string }> {
    const jar = new Jar();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const auth = new URLSearchParams({
      client_id: 'dashboard',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:3000/',
      scope: 'openid api',
      state: 'state-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const start = await step(jar, `/oidc/auth?${auth.toString()}`);
    expect(start.status).toBe(303);
    const interaction = start.headers.get('location')!;
    expect(interaction).toMatch(/\/oidc\/interaction\//);
    const form = await step(jar, interaction);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post"');
    const login = await step(jar, `${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user, password: secret }).toString(),
    });
    return { login, jar, verifier };
  }

  it('signs a local account in and issues an access token with its roles and LAs', async () => {
    const { login, jar, verifier } = await signIn('alice', password);
    expect(login.status).toBe(303);
    let location = login.headers.get('location')!;
    for (let hop = 0; hop < 5 && !location.startsWith('http://127.0.0.1:3000/?'); hop++) {
      const next = await step(jar, location);
      expect(next.status).toBe(303);
      location = next.headers.get('location')!;
    }
    const callback = new URL(location);
    expect(callback.searchParams.get('state')).toBe('state-1');
    const code = callback.searchParams.get('code')!;
    const token = await fetch(new URL('/oidc/token', base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'http://127.0.0.1:3000/',
        client_id: 'dashboard',
        code_verifier: verifier,
      }).toString(),
    });
    const body = (await token.json()) as { access_token: string };
    expect(token.status).toBe(200);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ sub: 'alice', roles: ['manager'], las: ['202'], aud: 'api://ehcp-monitor' });
    const kpi = await fetch(new URL('/api/v1/las/202/kpis/caseload', base), {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(kpi.status).toBe(200);
    const other = await fetch(new URL('/api/v1/las/203/kpis/caseload', base), {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(other.status).toBe(403);
  });

  it('refuses a wrong password with the form again', async () => {
    const { login } = await signIn('alice', 'not the password');
    expect(login.status).toBe(401);
    expect(await login.text()).toContain('The username or password is not right');
  });
});
