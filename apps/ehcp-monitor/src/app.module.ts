import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BenchmarksModule } from '#benchmarks';
import type { DestinationStream } from 'pino';
import { SERVICE_CONFIG, type ServiceConfig } from './config/config.js';
import { IdentityModule } from './identity/identity.module.js';
import { BackupModule } from './backup/backup.module.js';
import { ContractModule } from './contract/contract.module.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { HealthModule } from './health/health.module.js';
import { IngestionModule } from './ingestion/ingestion.module.js';
import { KafkaModule } from './kafka/kafka.module.js';
import { LoggingModule } from './observability/logging.module.js';
import { MetricsModule } from './observability/metrics.module.js';
import { ReadSideModule } from './read-side/read-side.module.js';
import { StorageModule } from './storage/storage.module.js';

@Global()
@Module({})
class ConfigModule {
  static with(config: ServiceConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: SERVICE_CONFIG, useValue: config }],
      exports: [SERVICE_CONFIG],
    };
  }
}

/** The service: every role is a module, switched on by ROLES (all by default). */
@Module({})
export class AppModule {
  static with(config: ServiceConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.with(config),
        LoggingModule.with(config, logDestination),
        CqrsModule.forRoot(),
        StorageModule,
        IdentityModule,
        ErasureModule,
        BackupModule,
        HealthModule,
        MetricsModule,
        IngestionModule,
        ContractModule,
        KafkaModule,
        BenchmarksModule,
        ...ReadSideModule.imports(),
      ],
    };
  }
}
