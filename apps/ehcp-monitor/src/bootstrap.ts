import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ServiceConfig } from './config/config.js';
import { ProblemDetailsFilter, compressSharedAnswers, mountBuiltInIssuer, serializeAnswer } from '#http';
import type Provider from 'oidc-provider';
import { BUILT_IN_ISSUER } from './identity/identity.module.js';
import { issuerOf } from './config/config.js';
import { hardenEdge } from './edge/harden.js';
import { documentSecurity } from './edge/openapi-security.js';
import { asyncApiDocument } from './contract/asyncapi.js';
import { ContractDocuments } from './contract/contract-documents.js';
import { documentContract } from './contract/openapi-contract.js';
import { serveDashboard } from './edge/dashboard.js';
import { AppModule } from './app.module.js';
import { fastifyRequestIds } from './observability/fastify-request-ids.js';

/**
 * Builds the HTTP application (not yet listening): used by main.ts and by the e2e tests, which may capture the log
 * through `logDestination` (stdout otherwise).
 */
export async function createApp(
  config: ServiceConfig,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config, options.logDestination),
    // 1,000 facts of a few hundred bytes each fit well inside 4 MiB; a larger body is refused before it is parsed.
    new FastifyAdapter({ bodyLimit: 4 * 1024 * 1024, ...fastifyRequestIds }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // Answers served from a cache are written as JSON once (see shareAnswer).
  fastify.setReplySerializer(serializeAnswer);
  // ...and gzipped once, for clients that accept it.
  compressSharedAnswers(fastify);
  const issuer = app.get<Provider | undefined>(BUILT_IN_ISSUER);
  if (issuer !== undefined) mountBuiltInIssuer(fastify, issuer, issuerOf(config), config.dataDir);
  await hardenEdge(app, config);
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('EHCP Pathway Monitor')
      .setDescription(
        'Records EHCP pathway facts from case systems and serves the statutory clocks and SEN2-aligned KPIs.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      .addServer(config.publicUrl)
      .build(),
  );
  documentContract(document);
  documentSecurity(document, issuerOf(config));
  app.get(ContractDocuments).publishAsyncApi(asyncApiDocument(document, config.kafka, config.publicUrl));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveDashboard(app);
  return app;
}
