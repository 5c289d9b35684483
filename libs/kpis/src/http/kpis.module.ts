import {
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { CaseClockQueries } from '#projections';
import { KpiService } from '../kpi-service.js';
import { CasesController } from './cases.controller.js';
import { KpisController } from './kpis.controller.js';
import { KPIS_MODULE_OPTIONS, type KpisModuleOptions } from './tokens.js';

export interface KpisModuleAsyncOptions {
  /** Must include the application's ProjectionsModule (the KPIs read its case clocks). */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  readonly inject?: Array<InjectionToken | OptionalFactoryDependency>;
  readonly useFactory?: (...args: never[]) => KpisModuleOptions | Promise<KpisModuleOptions>;
}

/**
 * The KPI query API (`/api/v1/las/:la/kpis/...`, `cases/:caseId/clock`, `at-risk`) over the case clocks of the
 * imported ProjectionsModule, which hosts the projector. Mount with `KpisModule.forRootAsync({ imports: [projections] })`.
 */
@Module({})
export class KpisModule {
  static forRootAsync(options: KpisModuleAsyncOptions): DynamicModule {
    return {
      module: KpisModule,
      imports: options.imports,
      controllers: [KpisController, CasesController],
      providers: [
        {
          provide: KPIS_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: (options.useFactory ?? (() => ({}))) as (
            ...args: unknown[]
          ) => KpisModuleOptions | Promise<KpisModuleOptions>,
        },
        {
          provide: KpiService,
          inject: [KPIS_MODULE_OPTIONS, CaseClockQueries],
          useFactory: (o: KpisModuleOptions, queries: CaseClockQueries): KpiService =>
            new KpiService(queries, {
              ...(o.settings === undefined ? {} : { settings: o.settings }),
              ...(o.answerCacheSize === undefined ? {} : { answerCacheSize: o.answerCacheSize }),
            }),
        },
      ],
      exports: [KpiService],
    };
  }
}
