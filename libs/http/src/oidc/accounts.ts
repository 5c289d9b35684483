import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { ACCESS_ROLES, type AccessRole } from '../access.js';
import { LA_CODE } from '../la-code.js';
import { issuerDir, writePrivateFile } from './key-store.js';

/**
 * Local clients (case systems, client-credentials grant) and accounts (people signing in to the dashboard) of the
 * built-in issuer, kept in `<DATA_DIR>/oidc`. Secrets and passwords are stored only as scrypt hashes.
 */
export interface LocalClient {
  readonly clientId: string;
  readonly secretHash: string;
  readonly roles: readonly AccessRole[];
  readonly las: readonly string[];
}
export interface LocalUser {
  readonly username: string;
  readonly passwordHash: string;
  readonly roles: readonly AccessRole[];
  readonly las: readonly string[];
}

const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1 };

function scryptAsync(secret: BinaryLike, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64url')}$${(await scryptAsync(secret, salt)).toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export function checkGrant(roles: readonly string[], las: readonly string[]): AccessRole[] {
  if (roles.length === 0) throw new RangeError('give at least one role');
  for (const role of roles) {
    if (!(ACCESS_ROLES as readonly string[]).includes(role)) {
      throw new RangeError(`role "${role}" is not one of: ${ACCESS_ROLES.join(', ')}`);
    }
  }
  for (const la of las) if (!LA_CODE.test(la)) throw new RangeError(`LA "${la}" is not a three-digit DfE code`);
  return roles as AccessRole[];
}

/** Reads and writes the issuer's clients and users files. */
export class LocalAccounts {
  constructor(private readonly dataDir: string) {}

  clients(): LocalClient[] {
    return this.read<LocalClient>('clients.json');
  }

  users(): LocalUser[] {
    return this.read<LocalUser>('users.json');
  }

  /** Adds (or replaces) a client and answers its new secret, which is shown once and stored only hashed. */
  async addClient(clientId: string, roles: readonly string[], las: readonly string[]): Promise<string> {
    if (!NAME.test(clientId)) throw new RangeError('a client id is 1-64 letters, digits, . _ @ -');
    const checked = checkGrant(roles, las);
    const secret = newSecret();
    const client: LocalClient = { clientId, secretHash: await hashSecret(secret), roles: checked, las: [...las] };
    this.write('clients.json', [...this.clients().filter((c) => c.clientId !== clientId), client]);
    return secret;
  }

  async addUser(username: string, password: string, roles: readonly string[], las: readonly string[]): Promise<void> {
    if (!NAME.test(username)) throw new RangeError('a username is 1-64 letters, digits, . _ @ -');
    if (password.length < 12) throw new RangeError('a password has at least 12 characters');
    const checked = checkGrant(roles, las);
    const user: LocalUser = { username, passwordHash: await hashSecret(password), roles: checked, las: [...las] };
    this.write('users.json', [...this.users().filter((u) => u.username !== username), user]);
  }

  /** Removes a client or a user; answers whether there was one. */
  remove(kind: 'clients' | 'users', name: string): boolean {
    const before: Array<LocalClient | LocalUser> = kind === 'clients' ? this.clients() : this.users();
    const left = before.filter((row) => ('clientId' in row ? row.clientId : row.username) !== name);
    this.write(`${kind}.json`, left);
    return left.length !== before.length;
  }

  async authenticateUser(username: string, password: string): Promise<LocalUser | undefined> {
    const user = this.users().find((u) => u.username === username);
    if (user === undefined) {
      await hashSecret(password); // the same work whether or not the account exists
      return undefined;
    }
    return (await verifySecret(password, user.passwordHash)) ? user : undefined;
  }

  private read<T>(file: string): T[] {
    const path = join(issuerDir(this.dataDir), file);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T[]) : [];
  }

  private write(file: string, rows: readonly unknown[]): void {
    writePrivateFile(join(issuerDir(this.dataDir), file), JSON.stringify(rows, null, 2));
  }
}
