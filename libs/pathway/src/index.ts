/**
 * The EHCP pathway of one case as a pure decider: the event vocabulary, decide / evolve, the case's statutory clock,
 * rejections and data-quality flags. No clock, I/O or framework inside.
 */
export * from './events.js';
export * from './placements.js';
export * from './rejections.js';
export * from './flags.js';
export * from './contract/index.js';
export * from './codec.js';
export * from './timeline.js';
export * from './case-state.js';
export { deriveCase, deriveOneMore } from './derive.js';
export { decide, checkFact, type RecordPathwayFact, type Accepted, type Decision } from './decide.js';
export { evolve, foldCase } from './evolve.js';
export * from './clock.js';
export * from './deadlines.js';
export { appealWindows, type AppealWindowClock } from './appeal-windows.js';
export { orderFulfilment, type OrderFulfilment } from './order-fulfilment.js';
/** Builders of well-formed facts for tests and synthetic data in other libs (no test framework inside). */
export * as pathwayTestFacts from './testing/builders.js';
export * from './worklist.js';
