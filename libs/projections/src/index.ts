/**
 * Projections: the runner that feeds read models from the event store (checkpoint with the write, generations and
 * rebuild-and-swap), the read-model data source and migrations, and the case clocks read model with its fact rows.
 */
export { createReadModelDataSource, migrateReadModels, type ReadModelDataSourceOptions } from './data-source.js';
export { READ_MODEL_MIGRATIONS } from './migrations/index.js';
export {
  type Projection,
  type BulkRebuild,
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
} from './read-models/case-clock/queries.js';
