import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import { LocalAccounts } from './accounts.js';
import { loginPage } from './login-page.js';

const MAX_FORM_BYTES = 4096;

/**
 * Serves the built-in issuer at its path (e.g. /oidc) on the service's own Fastify server. Its requests are handed
 * to oidc-provider before Fastify parses them; the sign-in form of an interaction is answered here.
 */
export function mountBuiltInIssuer(
  fastify: FastifyInstance,
  provider: Provider,
  issuer: string,
  dataDir: string,
): void {
  const mountPath = new URL(issuer).pathname.replace(/\/$/, '');
  const handle = provider.callback();
  const accounts = new LocalAccounts(dataDir);
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.raw.url ?? '';
    if (url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
      done();
      return;
    }
    void reply.hijack();
    const req = request.raw as IncomingMessage & { originalUrl?: string };
    const res = reply.raw;
    const interaction = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(url.slice(mountPath.length).split('?')[0]!);
    if (interaction !== null) {
      signIn(provider, accounts, req, res, `${mountPath}/interaction/${interaction[1]}/login`).catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('This sign-in has expired; start again from the dashboard.');
      });
      return;
    }
    req.originalUrl = url;
    req.url = url.slice(mountPath.length) || '/';
    void handle(req, res);
  });
}

async function signIn(
  provider: Provider,
  accounts: LocalAccounts,
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const html = (status: number, error?: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'x-frame-options': 'DENY',
    });
    res.end(loginPage(action, error));
  };
  if (details.prompt.name === 'consent') {
    // The dashboard is the service's own client: what it asks for is granted without a consent screen.
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    const grant =
      (details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    if (missingOIDCScope !== undefined) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims !== undefined) grant.addOIDCClaims(missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  if (req.method !== 'POST') {
    html(200);
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  const user = await accounts.authenticateUser(form.get('username') ?? '', form.get('password') ?? '');
  if (user === undefined) {
    html(401, 'The username or password is not right');
    return;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.username } },
    { mergeWithLastSubmission: false },
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
