/**
 * The DfE's published EHCP figures (per LA, region and England; Open Government Licence v3.0), held in memory and
 * served beside the live figures: the LA directory, each LA's benchmarks, and the HTTP routes.
 */
export type { Cell, CellStatus } from './cells.js';
export type { Geography } from './dfe-table.js';
export type { LocalAuthority } from './la-directory.js';
export { MEASURES, type Measure } from './measures.js';
export { PLACEMENT_COLUMNS, placementMixOf, type PlacementMix, type PlacementMixKey } from './placement-mix.js';
export type { Rank } from './ranking.js';
export {
  isKnownLa,
  publishedBenchmarks,
  PublishedBenchmarks,
  type LaBenchmarks,
  type MeasureBenchmark,
  type PublishedFigure,
} from './published-benchmarks.js';
export { BenchmarksModule } from './http/benchmarks.module.js';
export { parseKnownLa } from './http/params.js';
export { PUBLISHED_BENCHMARKS } from './http/tokens.js';
