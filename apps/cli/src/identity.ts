import { LocalAccounts, mintToken, newSecret } from '#http';
import { LA_CODES } from '#synthetic';
import { loadConfig } from '../../ehcp-monitor/src/config/config.js';
import { builtInIssuerOptions } from '../../ehcp-monitor/src/identity/identity.module.js';
import { UsageError, str, type CliValues } from './args.js';

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * The token a CLI command sends: `--token` or `EHCP_TOKEN` if given; otherwise, with the built-in issuer (no
 * `OIDC_ISSUER_URL`), a short-lived one minted from the signing keys in DATA_DIR, which only the service's user can
 * read.
 */
export async function bearerToken(values: CliValues, roles: readonly string[]): Promise<string> {
  const given = str(values, 'token') ?? process.env.EHCP_TOKEN;
  if (given !== undefined && given !== '') return given;
  const config = loadConfig();
  if (config.auth.issuerUrl !== undefined) {
    throw new UsageError('with OIDC_ISSUER_URL set, give a token from that issuer with --token or EHCP_TOKEN');
  }
  return (await mintToken(builtInIssuerOptions(config), roles, LA_CODES)).accessToken;
}

/** `token --role <role>[,<role>] [--la <code>[,<code>]]`: prints a short-lived access token. */
export async function tokenCommand(values: CliValues): Promise<void> {
  const roles = list(str(values, 'role'));
  if (roles.length === 0) throw new UsageError('token needs --role (case-system, manager, board or admin)');
  const las = list(str(values, 'la'));
  const config = loadConfig();
  if (config.auth.issuerUrl !== undefined) throw new UsageError('tokens come from OIDC_ISSUER_URL, not from here');
  const { accessToken } = await mintToken(builtInIssuerOptions(config), roles, las);
  process.stdout.write(`${accessToken}\n`);
}

/** `clients add|remove|list` and `users add|remove|list` of the built-in issuer. */
export async function accountsCommand(
  kind: 'clients' | 'users',
  action: string | undefined,
  values: CliValues,
): Promise<void> {
  const accounts = new LocalAccounts(loadConfig().dataDir);
  const name = str(values, kind === 'clients' ? 'id' : 'username');
  switch (action) {
    case 'list': {
      const rows =
        kind === 'clients'
          ? accounts.clients().map(({ clientId, roles, las }) => ({ clientId, roles, las }))
          : accounts.users().map(({ username, roles, las }) => ({ username, roles, las }));
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    case 'add': {
      if (name === undefined) throw new UsageError(`${kind} add needs --${kind === 'clients' ? 'id' : 'username'}`);
      const roles = list(str(values, 'role'));
      const las = list(str(values, 'la'));
      if (kind === 'clients') {
        const secret = await accounts.addClient(name, roles, las);
        process.stdout.write(
          `client ${name} added. Its secret is shown this once and stored only hashed:\n${secret}\n`,
        );
      } else {
        const password = process.env.EHCP_NEW_PASSWORD || newSecret();
        await accounts.addUser(name, password, roles, las);
        process.stdout.write(
          process.env.EHCP_NEW_PASSWORD
            ? `user ${name} added\n`
            : `user ${name} added. The password is shown this once and stored only hashed:\n${password}\n`,
        );
      }
      return;
    }
    case 'remove':
      if (name === undefined) throw new UsageError(`${kind} remove needs a name`);
      if (!accounts.remove(kind, name))
        throw new UsageError(`no such ${kind === 'clients' ? 'client' : 'user'} ${name}`);
      process.stdout.write(`${name} removed\n`);
      return;
    case undefined:
    default:
      throw new UsageError(`${kind} needs add, remove or list`);
  }
}
