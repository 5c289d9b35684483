import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { AccessRole } from '../access.js';
import { checkGrant, newSecret } from './accounts.js';
import { API_SCOPE, createBuiltInIssuer, type BuiltInIssuerOptions } from './built-in-issuer.js';

/**
 * A short-lived access token from the built-in issuer, for the given roles and LAs: the issuer (same keys, same
 * identifier) runs in this process on a loopback port with a one-off client, and the token comes from its token
 * endpoint by the client-credentials grant. This is what `cli token` prints.
 */
export async function mintToken(
  options: Omit<BuiltInIssuerOptions, 'ephemeralClients'>,
  roles: readonly string[],
  las: readonly string[],
): Promise<{ accessToken: string; expiresIn: number }> {
  const checked: AccessRole[] = checkGrant(roles, las);
  const client = { clientId: `cli-${randomUUID()}`, secret: newSecret(), roles: checked, las };
  const { provider } = await createBuiltInIssuer({ ...options, ephemeralClients: [client] });
  const mountPath = new URL(options.issuer).pathname.replace(/\/$/, '');
  const handle = provider.callback();
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    (req as typeof req & { originalUrl?: string }).originalUrl = url;
    req.url = url.startsWith(mountPath) ? url.slice(mountPath.length) || '/' : url;
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${mountPath}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: API_SCOPE }).toString(),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!response.ok || body.access_token === undefined) {
      throw new Error(`the built-in issuer refused the token: ${body.error_description ?? response.status}`);
    }
    return { accessToken: body.access_token, expiresIn: body.expires_in ?? 0 };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
