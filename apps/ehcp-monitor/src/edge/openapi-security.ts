import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * Declares how to authenticate (a bearer JWT, or OAuth 2.0 client credentials / authorization code with the issuer)
 * and adds the 401, 403 and 429 answers to every operation that needs a token.
 */
export function documentSecurity(document: OpenAPIObject, issuer: string): void {
  const oauthUrl = (path: string) => `${issuer.replace(/\/$/, '')}/${path}`;
  document.components ??= {};
  document.components.securitySchemes = {
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the issuer' },
    oauth2: {
      type: 'oauth2',
      flows: {
        clientCredentials: { tokenUrl: oauthUrl('token'), scopes: { api: 'Call the API' } },
        authorizationCode: {
          authorizationUrl: oauthUrl('auth'),
          tokenUrl: oauthUrl('token'),
          scopes: { openid: 'Sign in', api: 'Call the API' },
        },
      },
    },
  };
  document.security = [{ bearer: [] }, { oauth2: ['api'] }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (operation === undefined) continue;
      if (PUBLIC_PATHS.has(path)) {
        operation.security = [];
        continue;
      }
      operation.responses['401'] ??= { description: 'No valid bearer token', content: PROBLEM };
      operation.responses['403'] ??= { description: "The token's roles or LAs do not cover this", content: PROBLEM };
      operation.responses['429'] ??= {
        description: 'Too many requests from this caller',
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        content: PROBLEM,
      };
    }
  }
}

/** Routes anyone may call (the Problem schema they refer to is the contract's: contract/openapi-contract.ts). */
export const PUBLIC_PATHS = new Set([
  '/health/live',
  '/health/ready',
  '/api/v1/auth/config',
  // The published contract, like /api/docs itself.
  '/api/v1/schemas/events/{file}',
  '/api/asyncapi.json',
  '/api/v1/rejection-codes',
]);
