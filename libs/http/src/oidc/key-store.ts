import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** A private signing key of the built-in issuer, as a JWK with its `kid` and `alg`. */
export type SigningKey = JWK & { kid: string; alg: string };

/** The built-in issuer's files live in `<DATA_DIR>/oidc`, readable by the service's user only. */
export function issuerDir(dataDir: string): string {
  const dir = join(dataDir, 'oidc');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Writes a file readable and writable by its owner only (0600), whatever the umask. */
export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * The issuer's signing keys (newest first), created on first start. `rotateSigningKey` puts a new key first; the old
 * ones stay published so that tokens they signed verify until they expire.
 */
export async function loadSigningKeys(dataDir: string): Promise<SigningKey[]> {
  const path = join(issuerDir(dataDir), 'jwks.json');
  if (existsSync(path)) {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { keys: SigningKey[] };
    if (parsed.keys.length > 0) return parsed.keys;
  }
  const keys = [await newSigningKey()];
  writePrivateFile(path, JSON.stringify({ keys }, null, 2));
  return keys;
}

export async function rotateSigningKey(dataDir: string): Promise<SigningKey[]> {
  const keys = [await newSigningKey(), ...(await loadSigningKeys(dataDir))].slice(0, 3);
  writePrivateFile(join(issuerDir(dataDir), 'jwks.json'), JSON.stringify({ keys }, null, 2));
  return keys;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

/** The public half of each key, as served at the issuer's jwks_uri. */
export function publicKeys(keys: readonly SigningKey[]): JWK[] {
  return keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use }));
}
