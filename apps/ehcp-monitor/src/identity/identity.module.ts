import { Controller, Get, Global, Inject, Logger, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type pg from 'pg';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type Provider from 'oidc-provider';
import {
  AUDIT_LOG,
  AUTH_SETTINGS,
  AuditInterceptor,
  AuditLog,
  AuthGuard,
  DASHBOARD_CLIENT_ID,
  Public,
  TokenVerifier,
  createBuiltInIssuer,
  loadSigningKeys,
  publicKeys,
  type AuthSettings,
} from '#http';
import { isKnownLa } from '#benchmarks';
import { SERVICE_CONFIG, issuerOf, type ServiceConfig } from '../config/config.js';
import { Metrics } from '../observability/metrics.js';
import { PG_POOL } from '../storage/tokens.js';
import { AuditController } from './audit.controller.js';
import { AuthConfigDto } from './auth-config.dto.js';

/** The in-process OpenID provider, or undefined when an external issuer is configured. */
export const BUILT_IN_ISSUER = Symbol('BUILT_IN_ISSUER');

const logger = new Logger('Identity');

/** What the dashboard needs to sign in. */
@ApiTags('identity')
@Controller('api/v1/auth')
class AuthConfigController {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'The OpenID Connect issuer, client and scope the dashboard signs in with' })
  @ApiOkResponse({ type: AuthConfigDto })
  authConfig(): AuthConfigDto {
    return { issuer: issuerOf(this.config), clientId: DASHBOARD_CLIENT_ID, scope: 'openid api' };
  }
}

/**
 * Who may call the service: the token verifier (the built-in issuer's keys, or an external issuer's JWKS found by
 * discovery) and the global access guard every route passes.
 */
@Global()
@Module({
  controllers: [AuthConfigController, AuditController],
  providers: [
    {
      provide: BUILT_IN_ISSUER,
      inject: [SERVICE_CONFIG],
      useFactory: async (config: ServiceConfig): Promise<Provider | undefined> => {
        if (config.auth.issuerUrl !== undefined) return undefined;
        const { provider } = await createBuiltInIssuer(builtInIssuerOptions(config));
        logger.log(`built-in OpenID Connect issuer at ${issuerOf(config)}`);
        return provider;
      },
    },
    {
      provide: AUTH_SETTINGS,
      inject: [SERVICE_CONFIG, BUILT_IN_ISSUER],
      useFactory: async (config: ServiceConfig, provider: Provider | undefined): Promise<AuthSettings> => {
        const claims = { roles: config.auth.rolesClaim, las: config.auth.lasClaim };
        if (provider === undefined) {
          const verifier = TokenVerifier.discover(
            config.auth.issuerUrl!,
            config.auth.audience,
            config.auth.jwksCooldownSeconds,
          );
          return { verifier, claims, isKnownLa };
        }
        const keys = publicKeys(await loadSigningKeys(config.dataDir));
        return { verifier: TokenVerifier.local(issuerOf(config), config.auth.audience, { keys }), claims, isKnownLa };
      },
    },
    {
      provide: AUDIT_LOG,
      inject: [PG_POOL, { token: Metrics, optional: true }],
      useFactory: async (pool: pg.Pool, metrics: Metrics | undefined): Promise<AuditLog> => {
        const audit = new AuditLog(pool, (record) => metrics?.auditRecords.inc({ status: String(record.status) }));
        await audit.migrate();
        return audit;
      },
    },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [BUILT_IN_ISSUER, AUTH_SETTINGS, AUDIT_LOG],
})
export class IdentityModule {}

export function builtInIssuerOptions(config: ServiceConfig) {
  return {
    issuer: issuerOf(config),
    dataDir: config.dataDir,
    audience: config.auth.audience,
    rolesClaim: config.auth.rolesClaim,
    lasClaim: config.auth.lasClaim,
    dashboardRedirectUris: [`${config.publicUrl}/`],
    accessTokenTtl: config.auth.accessTokenTtlSeconds,
  };
}
