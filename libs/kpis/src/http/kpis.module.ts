import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  CaseClockQueries,
  caseClocksProjection,
  createReadModelDataSource,
  migrateReadModels,
  ProjectionRunner,
} from '#projections';
import { KpiService } from '../kpi-service.js';
import { CasesController } from './cases.controller.js';
import { KpisController } from './kpis.controller.js';
import { ProjectionsAdminController, RebuildTracker } from './projections-admin.controller.js';
import { CASE_CLOCKS_RUNNER, KPIS_MODULE_OPTIONS, READ_MODEL_DATA_SOURCE, type KpisModuleOptions } from './tokens.js';

export interface KpisModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: Array<InjectionToken | OptionalFactoryDependency>;
  readonly useFactory: (...args: never[]) => KpisModuleOptions | Promise<KpisModuleOptions>;
}

const logger = new Logger('Projections');

/** Starts the projector with the application (when enabled), registers its lag on /health, stops it on shutdown. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(KPIS_MODULE_OPTIONS) private readonly options: KpisModuleOptions,
    @Inject(CASE_CLOCKS_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.activeGeneration();
    const maxLag = this.options.maxLagSeconds ?? 300;
    this.options.registerHealth?.('projections', async () => {
      const lag = await this.runner.lag();
      // While a rebuild runs the served figures may be stale by design; the check reports it rather than failing.
      if (lag.secondsBehind > maxLag && lag.rebuilding === undefined) {
        throw new Error(`case clocks are ${lag.secondsBehind} s behind the event store`);
      }
      return { ...lag };
    });
    if (this.options.projector ?? true) this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The read side: the case clocks projector and the KPI query API (`/api/v1/las/:la/kpis/...`, `cases/:caseId/clock`,
 * `at-risk`) and the rebuild admin routes. Mount with `KpisModule.forRootAsync({ inject, useFactory })`.
 */
@Module({})
export class KpisModule {
  static forRootAsync(options: KpisModuleAsyncOptions): DynamicModule {
    return {
      module: KpisModule,
      imports: options.imports ?? [],
      controllers: [KpisController, CasesController, ProjectionsAdminController],
      providers: [
        {
          provide: KPIS_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => KpisModuleOptions | Promise<KpisModuleOptions>,
        },
        {
          provide: READ_MODEL_DATA_SOURCE,
          inject: [KPIS_MODULE_OPTIONS],
          useFactory: async (o: KpisModuleOptions): Promise<DataSource> => {
            const dataSource = createReadModelDataSource(o.connectionString, { embedded: o.embedded });
            await migrateReadModels(dataSource);
            return dataSource;
          },
        },
        {
          provide: CASE_CLOCKS_RUNNER,
          inject: [KPIS_MODULE_OPTIONS, READ_MODEL_DATA_SOURCE],
          useFactory: (o: KpisModuleOptions, dataSource: DataSource): ProjectionRunner =>
            new ProjectionRunner(dataSource, o.eventStore, caseClocksProjection(o.settings), {
              ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
              logger,
            }),
        },
        {
          provide: KpiService,
          inject: [KPIS_MODULE_OPTIONS, READ_MODEL_DATA_SOURCE],
          useFactory: (o: KpisModuleOptions, dataSource: DataSource): KpiService =>
            new KpiService(new CaseClockQueries(dataSource), o.settings === undefined ? {} : { settings: o.settings }),
        },
        RebuildTracker,
        ProjectorLifecycle,
      ],
      exports: [KpiService, CASE_CLOCKS_RUNNER, READ_MODEL_DATA_SOURCE],
    };
  }
}
