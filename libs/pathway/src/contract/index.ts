/** The published event contract: one schema per event type, the envelope, and the validation made from them. */
export * from './fields.js';
export * from './envelope.js';
export * from './event-schemas.js';
export * from './validator.js';
export * from './documents.js';
