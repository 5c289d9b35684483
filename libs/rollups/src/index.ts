/**
 * Weekly KPI rollups for the SEND improvement board: computed per LA and ISO week from the case clocks' fact rows
 * through the KPI functions, stored with revisions, published through a transactional outbox to Kafka and served
 * over HTTP.
 */
export * from './weeks.js';
export * from './rollup.js';
export { factsOn } from './facts-on.js';
export { canonicalJson, contentHash, rollupContent, type RollupContent } from './content.js';
export * from './schedule.js';
export { RollupScheduler, type RollupSchedulerOptions } from './scheduler.js';
export { ROLLUP_MIGRATIONS, migrateRollups } from './migrations/index.js';
export { RollupStore, type IssuedRevision } from './rollup-store.js';
export { SqlOutboxStore, type SqlOutboxStoreOptions } from './sql-outbox-store.js';
export {
  RollupService,
  IncompleteWeekError,
  ProjectorBehindError,
  type PublishRequest,
  type PublishResult,
  type RollupServiceOptions,
} from './rollup-service.js';
export { RollupsModule, type RollupsModuleAsyncOptions } from './http/rollups.module.js';
export { ROLLUPS_MODULE_OPTIONS, ROLLUPS_OUTBOX_STORE, type RollupsModuleOptions } from './http/tokens.js';
export { RollupsController, RollupsAdminController } from './http/rollups.controller.js';
export { parsePublishQuery, parseRollupsQuery } from './http/query-params.js';
