import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { ServiceConfig } from './config/config.js';
import { serveDashboard } from './http/dashboard.js';
import { ProblemDetailsFilter } from './http/problem.filter.js';
import { AppModule } from './app.module.js';

const LOG_LEVELS = {
  error: ['error'],
  warn: ['error', 'warn'],
  log: ['error', 'warn', 'log'],
} as const satisfies Record<ServiceConfig['logLevel'], readonly LogLevel[]>;

/** Builds the HTTP application (not yet listening): used by main.ts and by the e2e tests. */
export async function createApp(config: ServiceConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.with(config),
    // 1,000 facts of a few hundred bytes each fit well inside 16 MiB.
    new FastifyAdapter({ bodyLimit: 16 * 1024 * 1024 }),
    { logger: [...LOG_LEVELS[config.logLevel]], abortOnError: false },
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('EHCP Pathway Monitor')
      .setDescription(
        'Records EHCP pathway facts from case systems and serves the statutory clocks and SEN2-aligned KPIs.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  serveDashboard(app);
  return app;
}
