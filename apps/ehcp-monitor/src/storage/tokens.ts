/** Injection token of the EventStore port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token of the pg.Pool used for the read side and health. */
export const PG_POOL = Symbol('PG_POOL');
