import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TokenVerifier } from '../auth/token-verifier.js';
import { principalFrom } from '../auth/principal.js';
import { loadSigningKeys, publicKeys } from './key-store.js';
import { mintToken } from './mint-token.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ehcp-issuer-'));
const options = {
  issuer: 'http://localhost:3000/oidc',
  dataDir,
  audience: 'api://ehcp-monitor',
  rolesClaim: 'roles',
  lasClaim: 'las',
  dashboardRedirectUris: ['http://localhost:3000/'],
};
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the built-in issuer', () => {
  it('issues an RS256 JWT access token by the client-credentials grant that the service verifies', async () => {
    const { accessToken, expiresIn } = await mintToken(options, ['manager'], ['202', '203']);
    expect(expiresIn).toBe(900);
    const header = decodeProtectedHeader(accessToken);
    expect(header.alg).toBe('RS256');
    const keys = await loadSigningKeys(dataDir);
    expect(header.kid).toBe(keys[0]!.kid);
    const verifier = TokenVerifier.local(options.issuer, options.audience, { keys: publicKeys(keys) });
    const principal = principalFrom(await verifier.verify(accessToken), { roles: 'roles', las: 'las' });
    expect(principal.roles).toEqual(['manager']);
    expect(principal.las).toEqual(['202', '203']);
    expect(principal.clientId).toMatch(/^cli-/);
    expect(decodeJwt(accessToken).aud).toBe('api://ehcp-monitor');
  });

  it('remembers a verified token, answering it again with the same claims, and never a refused one', async () => {
    const { accessToken } = await mintToken(options, ['board'], ['202']);
    const keys = await loadSigningKeys(dataDir);
    const verifier = TokenVerifier.local(options.issuer, options.audience, { keys: publicKeys(keys) });
    const first = await verifier.verify(accessToken);
    expect(verifier.rememberedTokens).toBe(1);
    expect(await verifier.verify(accessToken)).toBe(first);
    expect(verifier.rememberedTokens).toBe(1);
    const [header, payload, signature] = accessToken.split('.');
    const forged = `${header}.${payload}.${signature!.slice(0, -4)}AAAA`;
    await expect(verifier.verify(forged)).rejects.toThrow();
    expect(verifier.rememberedTokens).toBe(1);
  });

  it('keeps its signing keys in DATA_DIR readable by the owner only', async () => {
    await loadSigningKeys(dataDir);
    expect(statSync(join(dataDir, 'oidc', 'jwks.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses an unknown role', async () => {
    await expect(mintToken(options, ['superuser'], ['202'])).rejects.toThrow(/role "superuser"/);
  });
});
