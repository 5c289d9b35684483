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
import { createReadModelDataSource, migrateReadModels } from '../data-source.js';
import { caseClocksProjection } from '../read-models/case-clock/projection.js';
import { CaseClockQueries } from '../read-models/case-clock/queries.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { ProjectionsAdminController, RebuildTracker } from './projections-admin.controller.js';
import { projectorHealth } from './projector-health.js';
import {
  CASE_CLOCKS_RUNNER,
  PROJECTIONS_MODULE_OPTIONS,
  READ_MODEL_DATA_SOURCE,
  type ProjectionsModuleOptions,
} from './tokens.js';

export interface ProjectionsModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: Array<InjectionToken | OptionalFactoryDependency>;
  readonly useFactory: (...args: never[]) => ProjectionsModuleOptions | Promise<ProjectionsModuleOptions>;
}

const logger = new Logger('Projections');

/** Starts the projector with the application (when enabled), registers its health check, stops it on shutdown. */
@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTIONS_MODULE_OPTIONS) private readonly options: ProjectionsModuleOptions,
    @Inject(CASE_CLOCKS_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.activeGeneration();
    const projector = this.options.projector ?? true;
    this.options.registerHealth?.(
      'projections',
      projectorHealth(this.runner, { maxLagSeconds: this.options.maxLagSeconds ?? 300, projector }),
    );
    if (projector) this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The projector's host: the read-model data source (migrated), the case clocks runner and its lifecycle, the case
 * clock queries, and the rebuild admin routes. Modules that read the read models (KPIs, rollups) import this one and
 * inject READ_MODEL_DATA_SOURCE, CASE_CLOCKS_RUNNER or CaseClockQueries. Mount with
 * `ProjectionsModule.forRootAsync({ inject, useFactory })`, and import that same object wherever it is needed.
 */
@Module({})
export class ProjectionsModule {
  static forRootAsync(options: ProjectionsModuleAsyncOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: options.imports ?? [],
      controllers: [ProjectionsAdminController],
      providers: [
        {
          provide: PROJECTIONS_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (
            ...args: unknown[]
          ) => ProjectionsModuleOptions | Promise<ProjectionsModuleOptions>,
        },
        {
          provide: READ_MODEL_DATA_SOURCE,
          inject: [PROJECTIONS_MODULE_OPTIONS],
          useFactory: async (o: ProjectionsModuleOptions): Promise<DataSource> => {
            const dataSource = createReadModelDataSource(o.connectionString, { embedded: o.embedded });
            await migrateReadModels(dataSource);
            return dataSource;
          },
        },
        {
          provide: CASE_CLOCKS_RUNNER,
          inject: [PROJECTIONS_MODULE_OPTIONS, READ_MODEL_DATA_SOURCE],
          useFactory: (o: ProjectionsModuleOptions, dataSource: DataSource): ProjectionRunner =>
            new ProjectionRunner(dataSource, o.eventStore, caseClocksProjection(o.settings), {
              ...(o.batchSize === undefined ? {} : { batchSize: o.batchSize }),
              // PGlite's socket server wedges on COPY FROM STDIN.
              bulkWrite: o.embedded ? 'insert' : 'copy',
              storeInSameDatabase: o.storeInSameDatabase === true,
              logger,
            }),
        },
        {
          provide: CaseClockQueries,
          inject: [READ_MODEL_DATA_SOURCE],
          useFactory: (dataSource: DataSource): CaseClockQueries => new CaseClockQueries(dataSource),
        },
        RebuildTracker,
        ProjectorLifecycle,
      ],
      exports: [READ_MODEL_DATA_SOURCE, CASE_CLOCKS_RUNNER, CaseClockQueries, PROJECTIONS_MODULE_OPTIONS],
    };
  }
}
