/**
 * Projections: the runner that feeds read models from the event store (checkpoint with the write, generations and
 * rebuild-and-swap), the read-model data source and migrations, the case clocks read model with its fact rows, and
 * the projector's host (ProjectionsModule: data source, runner, lifecycle, health, rebuild routes).
 */
export { createReadModelDataSource, migrateReadModels, type ReadModelDataSourceOptions } from './data-source.js';
export { READ_MODEL_MIGRATIONS } from './migrations/index.js';
export {
  type Projection,
  type BulkRebuild,
  type BulkFold,
  type PositionedEvent,
  type ProjectionTransaction,
  qualifiedTable,
  quoteIdentifier,
} from './runner/projection.js';
export {
  ProjectionRunner,
  CheckpointConflictError,
  type ProjectionRunnerOptions,
  type ProjectionLag,
  type RebuildResult,
  type RunnerLogger,
} from './runner/projection-runner.js';
export { Generations, schemaNameFor, type Generation } from './runner/generations.js';
export { activeLaRevision, BUMP_LA_REVISION_SQL, type LaRevision } from './runner/la-revisions.js';
export { ProjectorProgress, type ProgressSnapshot } from './runner/progress.js';
export { copyText, type BulkWriteMode } from './runner/bulk-writer.js';
export * from './runner/entities.js';
export * from './read-models/entities.js';
export * from './read-models/case-facts/facts.js';
export { deriveFacts, factCase } from './read-models/case-facts/derive-facts.js';
export {
  projectCase,
  pendingDeadlines,
  type CaseClockView,
  type PendingDeadline,
  type ProjectedCase,
} from './read-models/case-clock/fold.js';
export {
  CASE_CLOCKS_PROJECTION,
  caseClocksProjection,
  caseClocksVersion,
} from './read-models/case-clock/projection.js';
export {
  CaseClockQueries,
  ReadModelNotReadyError,
  factRowsOf,
  type CaseClockSummaryRow,
  type WorklistRow,
} from './read-models/case-clock/queries.js';
export { ProjectionsModule, type ProjectionsModuleAsyncOptions } from './host/projections.module.js';
export {
  CASE_CLOCKS_RUNNER,
  PROJECTIONS_MODULE_OPTIONS,
  READ_MODEL_DATA_SOURCE,
  type ProjectionsModuleOptions,
} from './host/tokens.js';
export { ProjectionsAdminController, RebuildTracker } from './host/projections-admin.controller.js';
export { RebuildStatusDto } from './host/rebuild-status.dto.js';
export { projectorHealth } from './host/projector-health.js';
