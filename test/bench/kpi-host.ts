/**
 * Serves the KPI library's module (projector and query API) over one database, for runs against a service build
 * that does not mount it yet. Env: DATABASE_URL, PORT, HOST (127.0.0.1).
 */
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { PostgresEventStore } from '#event-store';
import { KpisModule } from '#kpis';

@Module({})
class KpiHostModule {
  static with(connectionString: string): DynamicModule {
    return {
      module: KpiHostModule,
      imports: [
        KpisModule.forRootAsync({
          useFactory: async () => ({
            connectionString,
            embedded: false,
            eventStore: await PostgresEventStore.fromConnectionString(connectionString),
          }),
        }),
      ],
    };
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url === undefined) throw new Error('DATABASE_URL is required');
  const app = await NestFactory.create<NestFastifyApplication>(KpiHostModule.with(url), new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? '0'), process.env.HOST ?? '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`kpi host failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
