import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { BenchmarksModule } from '#benchmarks';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { Clock, SystemClock } from '../ingestion/clock.js';
import { BoardPackController } from './board-pack.controller.js';
import { BoardPackService } from './board-pack.service.js';
import { PdfRenderer } from './pdf-renderer.js';

class RendererShutdown implements OnApplicationShutdown {
  constructor(private readonly renderer: PdfRenderer) {}
  async onApplicationShutdown(): Promise<void> {
    await this.renderer.close();
  }
}

/**
 * The weekly board pack (JSON, printable HTML and PDF) over the KPI service, the rollups and the published
 * benchmarks. `readSide` are the read side's modules that export KpiService and RollupService.
 */
@Module({})
export class BoardPackModule {
  static over(readSide: readonly DynamicModule[]): DynamicModule {
    return {
      module: BoardPackModule,
      imports: [...readSide, BenchmarksModule],
      controllers: [BoardPackController],
      providers: [
        BoardPackService,
        { provide: Clock, useClass: SystemClock },
        {
          provide: PdfRenderer,
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => new PdfRenderer(config.pdf),
        },
        { provide: RendererShutdown, inject: [PdfRenderer], useFactory: (r: PdfRenderer) => new RendererShutdown(r) },
      ],
    };
  }
}
