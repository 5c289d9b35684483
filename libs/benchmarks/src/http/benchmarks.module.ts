import { Module } from '@nestjs/common';
import { publishedBenchmarks } from '../published-benchmarks.js';
import { BenchmarksController } from './benchmarks.controller.js';
import { LasController } from './las.controller.js';
import { PUBLISHED_BENCHMARKS } from './tokens.js';

/**
 * `GET /api/v1/las` and `GET /api/v1/las/:la/benchmarks`. The published figures are parsed when the module starts
 * and exported as PUBLISHED_BENCHMARKS, so other modules can answer 404 for an LA code the DfE does not know.
 */
@Module({
  controllers: [LasController, BenchmarksController],
  providers: [{ provide: PUBLISHED_BENCHMARKS, useFactory: publishedBenchmarks }],
  exports: [PUBLISHED_BENCHMARKS],
})
export class BenchmarksModule {}
