/**
 * A calibrated synthetic English local authority: a deterministic stream of EHCP pathway events, as a case system's
 * feed would send them, for the demo, the tests and the benchmarks.
 */
export {
  generateLa,
  DEFAULT_NOISE,
  NO_NOISE,
  DEFAULT_END_DATE,
  DEFAULT_YEARS,
  type GenerateLaOptions,
  type NoiseRates,
} from './generate-la.js';
export { toNdjson, writeNdjsonFile, type WriteNdjsonOptions, type NdjsonFileSummary } from './ndjson.js';
export {
  NATIONAL_CALIBRATION,
  figureForYear,
  annualGrowth,
  nationalRequestsInYear,
  type NationalCalibration,
} from './calibration.js';
export { pathwayModel, type PathwayModel } from './model.js';
export { shapedModel, shapedPlacementMix, shapedVolume, type LaShape } from './la-shape.js';
export {
  NATIONAL_PLACEMENT_MIX_2024,
  PlacementSteering,
  censusYearOf,
  type Placement,
  type PlacementMix,
  type PlacementMixKey,
} from './placements.js';
export { Random } from './random.js';
export { LA_CODES } from './la-codes.js';
