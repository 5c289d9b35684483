import { isIsoDate } from '#calendar';
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PATHWAY_EVENT_TYPES, type PathwayEvent, type PathwayEventType } from '../events.js';
import { ENVELOPE } from './envelope.js';
import { EVENT_CONTRACTS, contractOf } from './event-schemas.js';
import { UUID_PATTERN } from './fields.js';

/**
 * The shape check at the edge, made from the contract's schemas: HTTP and Kafka ingestion run every incoming
 * envelope through it before it becomes a command. Unknown fields are refused (own properties only), so nothing
 * that could identify a child (a name, a full date of birth) slips into the store inside an unexpected field. Each
 * error names the field by its path, with a sentence for the person at the case system.
 */
export interface ShapeError {
  readonly path: string;
  readonly message: string;
}

export type ValidationResult = { ok: true; event: PathwayEvent } | { ok: false; errors: ShapeError[] };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = new RegExp(UUID_PATTERN);

/** The Ajv instance the contract compiles with: its formats are the calendar's own, its annotations known. */
export function contractAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, unicodeRegExp: true, ownProperties: true });
  ajv.addFormat('date', { type: 'string', validate: (v: string) => isIsoDate(v) });
  ajv.addFormat('uuid', { type: 'string', validate: (v: string) => UUID.test(v) });
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (v: string) => INSTANT.test(v) && !Number.isNaN(Date.parse(v)),
  });
  for (const keyword of ['example', 'x-message', 'x-range-message']) ajv.addKeyword({ keyword });
  ajv.addKeyword({
    keyword: 'x-unique-by',
    type: 'array',
    schemaType: 'string',
    errors: true,
    validate: function uniqueBy(field: string, items: unknown[]): boolean {
      const ids = items.map((item) => (isRecord(item) && Object.hasOwn(item, field) ? item[field] : undefined));
      const repeated = ids.flatMap((id, i) => (id !== undefined && ids.indexOf(id) !== i ? [i] : []));
      (uniqueBy as { errors?: Partial<ErrorObject>[] }).errors = repeated.map((index) => ({
        keyword: 'x-unique-by',
        message: `repeats an ${field} of this decision`,
        params: { index, field },
      }));
      return repeated.length === 0;
    },
  });
  return ajv;
}

/** Compiled on first use, so importing the domain costs nothing until a fact is checked. */
let compiled: { ajv: Ajv; envelope: ValidateFunction } | undefined;
const dataChecks = new Map<string, ValidateFunction>();

function envelopeCheck(): ValidateFunction {
  compiled ??= (() => {
    const ajv = contractAjv();
    return { ajv, envelope: ajv.compile(ENVELOPE) };
  })();
  return compiled.envelope;
}

function dataCheck(type: PathwayEventType): { schema: TSchema; check: ValidateFunction } | undefined {
  const contract = contractOf(type);
  if (contract === undefined) return undefined;
  envelopeCheck();
  let check = dataChecks.get(type);
  if (check === undefined) {
    check = compiled!.ajv.compile(contract.data);
    dataChecks.set(type, check);
  }
  return { schema: contract.data, check };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEventType(value: unknown): value is PathwayEventType {
  return typeof value === 'string' && (PATHWAY_EVENT_TYPES as readonly string[]).includes(value);
}

/** Checks the data of an event of `type`; `path` prefixes the error paths. */
export function validateEventData(type: PathwayEventType, data: unknown, path = 'data'): ShapeError[] {
  const entry = dataCheck(type);
  if (entry === undefined) return [{ path: 'type', message: 'has no schema in the contract' }];
  return entry.check(data) ? [] : shapeErrors(entry.check.errors ?? [], entry.schema, path);
}

/** Checks an incoming envelope; on success returns it typed as a PathwayEvent. */
export function validatePathwayEvent(input: unknown): ValidationResult {
  const unreadable = unreadableStrings(input, '');
  if (unreadable.length > 0) return { ok: false, errors: unreadable };
  if (!isRecord(input)) return { ok: false, errors: [{ path: '$', message: 'must be an object' }] };
  const envelope = envelopeCheck();
  if (!envelope(input)) return { ok: false, errors: shapeErrors(envelope.errors ?? [], ENVELOPE, '') };
  if (!isEventType(input.type))
    return { ok: false, errors: [{ path: 'type', message: 'has no schema in the contract' }] };
  const dataErrors = validateEventData(input.type, input.data);
  if (dataErrors.length > 0) return { ok: false, errors: dataErrors };
  return { ok: true, event: input as unknown as PathwayEvent };
}

type Segment = string | number;

interface Located {
  readonly path: Segment[];
  readonly message: string;
  /** Where the error sorts: by the fields' order in the schema, unknown fields last, then by kind of error. */
  readonly order: number[];
}

/** Ajv's errors as the contract's: one per field, in the schema's field order, each with its sentence. */
function shapeErrors(errors: readonly ErrorObject[], schema: TSchema, base: string): ShapeError[] {
  // A failed `if`/`then` is reported again by the keyword inside `then` that failed: only that one names the field.
  const located = errors.filter((error) => error.keyword !== 'if').map((error) => locate(error, schema));
  located.sort((a, b) => compareOrders(a.order, b.order));
  const seen = new Set<string>();
  const result: ShapeError[] = [];
  for (const error of located) {
    const path = formatPath(base, error.path);
    if (seen.has(path)) continue;
    seen.add(path);
    result.push({ path, message: error.message });
  }
  return result;
}

const KEYWORD_RANK: Readonly<Record<string, number>> = { type: 0, format: 1, enum: 2 };
const UNKNOWN_FIELD = 10_000;
const AFTER_ITEMS = 1_000_000;

function locate(error: ErrorObject, root: TSchema): Located {
  const path: Segment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const rank = KEYWORD_RANK[error.keyword] ?? 3;
  switch (error.keyword) {
    case 'required': {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      return { path: [...path, field], message: 'is required', order: [...orderOf(root, [...path, field]), rank] };
    }
    case 'additionalProperties': {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      const at = [...path, field];
      return { path: at, message: 'is not a field of this event', order: [...orderOf(root, at), rank] };
    }
    case 'x-unique-by': {
      const { index, field } = error.params as { index: number; field: string };
      return {
        path: [...path, index, field],
        message: error.message ?? 'repeats a value',
        order: [...orderOf(root, path), AFTER_ITEMS + index],
      };
    }
    case 'enum': {
      const values = (error.params as { allowedValues: unknown[] }).allowedValues;
      const message =
        typeof parent['x-message'] === 'string' ? parent['x-message'] : `must be one of ${values.join(', ')}`;
      return { path, message, order: [...orderOf(root, path), rank] };
    }
    default: {
      const range = error.keyword === 'pattern' ? parent['x-range-message'] : undefined;
      const message =
        typeof range === 'string'
          ? range
          : typeof parent['x-message'] === 'string'
            ? parent['x-message']
            : (error.message ?? 'is not valid');
      return { path, message, order: [...orderOf(root, path), rank] };
    }
  }
}

/** The position of each path segment among its schema's fields (array items by index; unknown fields last). */
function orderOf(root: TSchema, path: readonly Segment[]): number[] {
  const order: number[] = [];
  let schema: Record<string, unknown> | undefined = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      order.push(segment);
      schema = schema?.items as Record<string, unknown> | undefined;
      continue;
    }
    const properties = schema?.properties as Record<string, unknown> | undefined;
    const index = properties === undefined ? -1 : Object.keys(properties).indexOf(segment);
    order.push(index < 0 ? UNKNOWN_FIELD : index);
    schema = index < 0 ? undefined : (properties![segment] as Record<string, unknown>);
  }
  return order;
}

function compareOrders(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

function formatPath(base: string, path: readonly Segment[]): string {
  let text = base;
  for (const segment of path)
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  return text === '' ? '$' : text;
}

/** A NUL or a lone UTF-16 surrogate: text no case system means to send, which PostgreSQL's jsonb cannot hold. */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNREADABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every key or string value anywhere in the input holding unreadable text, named by its path. */
function unreadableStrings(value: unknown, path: string, depth = 0): ShapeError[] {
  if (typeof value === 'string') {
    return UNREADABLE.test(value) ? [{ path: path || '$', message: 'holds a NUL character or a lone surrogate' }] : [];
  }
  if (typeof value !== 'object' || value === null || depth > 8) return [];
  const errors: ShapeError[] = [];
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (UNREADABLE.test(key))
      errors.push({ path: innerPath, message: 'is a key holding a NUL character or a lone surrogate' });
    else errors.push(...unreadableStrings(inner, innerPath, depth + 1));
  }
  return errors;
}

/** The data fields of each type that hold calendar dates, read from the schemas. */
export const EVENT_DATE_FIELDS: Readonly<Partial<Record<PathwayEventType, readonly string[]>>> = Object.fromEntries(
  Object.entries(EVENT_CONTRACTS).flatMap(([type, contract]) => {
    const properties = (contract.data as { properties?: Record<string, { format?: string }> }).properties ?? {};
    const dates = Object.entries(properties)
      .filter(([, field]) => field.format === 'date')
      .map(([name]) => name);
    return dates.length > 0 ? [[type, dates]] : [];
  }),
);
