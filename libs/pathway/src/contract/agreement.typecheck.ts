/**
 * Compiled by event-schemas.spec.ts: it fails to type-check when an event type of the domain has no schema, or when
 * a schema's data type and the domain's EventDataByType differ in either direction (readonly aside).
 */
import type { EventDataByType, PathwayEventType } from '../events.js';
import type { SchemaDataByType } from './event-schemas.js';

type Plain<T> = T extends readonly (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;
type Same<A, B> = [Plain<A>] extends [Plain<B>] ? ([Plain<B>] extends [Plain<A>] ? true : false) : false;

export type Agreement = { [T in PathwayEventType]: Same<SchemaDataByType[T], EventDataByType[T]> };
export const agreement: { [T in PathwayEventType]: true } = {} as Agreement;
