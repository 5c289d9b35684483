import type { TSchema } from '@sinclair/typebox';
import { PATHWAY_EVENT_TYPES, type PathwayEventType } from '../events.js';
import { ENVELOPE_FIELDS } from './envelope.js';
import { EVENT_CONTRACTS, contractOf } from './event-schemas.js';

/**
 * The contract as documents: a JSON Schema file per event type, and the schemas the OpenAPI and AsyncAPI documents
 * carry. All are made from EVENT_CONTRACTS; nothing here is written by hand per type.
 */

type JsonObject = Record<string, unknown>;

/** The example fact of a type: a pseudonymous case reference, a birth month rather than a date, no names. */
export function exampleFact(type: PathwayEventType): JsonObject {
  const contract = EVENT_CONTRACTS[type];
  const index = PATHWAY_EVENT_TYPES.indexOf(type) + 1;
  return {
    eventId: `7d3c9a52-1f0b-4e8a-9c61-${index.toString(16).padStart(12, '0')}`,
    caseId: 'C000123',
    la: '202',
    type,
    occurredOn: contract.example.occurredOn,
    source: 'capita-one',
    data: contract.example.data,
  };
}

/** A schema as plain JSON (TypeBox's symbols dropped). */
function plain(schema: unknown): JsonObject {
  return JSON.parse(JSON.stringify(schema)) as JsonObject;
}

/**
 * OpenAPI 3.0's schema objects have no `if`/`then`/`else`: a rule between fields (the post-16 move's date) stays in
 * validation and the JSON Schema files, and is told in its fields' descriptions in the OpenAPI document.
 */
function withoutConditionals(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutConditionals);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'if' && key !== 'then' && key !== 'else')
      .map(([key, inner]) => [key, withoutConditionals(inner)]),
  );
}

/** Drops the service's own annotations (`x-*`) and turns `example` into `examples`: a standard draft-07 schema. */
function standard(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(standard);
  if (typeof value !== 'object' || value === null) return value;
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('x-')) continue;
    if (key === 'example') result.examples = [inner];
    else result[key] = standard(inner);
  }
  return result;
}

/** The whole fact of one type: the envelope with `type` fixed and `data` its type's schema. */
function factSchema(type: PathwayEventType, data: TSchema | JsonObject): JsonObject {
  const { type: _type, data: _data, ...envelope } = plain(ENVELOPE_FIELDS) as Record<string, JsonObject>;
  return {
    type: 'object',
    title: type,
    description: EVENT_CONTRACTS[type].summary,
    additionalProperties: false,
    required: ['eventId', 'caseId', 'la', 'type', 'occurredOn', 'source', 'data'],
    properties: {
      eventId: envelope.eventId,
      caseId: envelope.caseId,
      la: envelope.la,
      type: { type: 'string', enum: [type] },
      occurredOn: envelope.occurredOn,
      source: envelope.source,
      data,
      recordedAt: envelope.recordedAt,
    },
  };
}

/** The draft-07 JSON Schema file of one event type (served at /api/v1/schemas/events/{type}.json). */
export function eventJsonSchema(type: string, id: string): JsonObject | undefined {
  const contract = contractOf(type);
  if (contract === undefined || !(PATHWAY_EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  const eventType = type as PathwayEventType;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    ...(standard(factSchema(eventType, plain(contract.data))) as JsonObject),
    examples: [exampleFact(eventType)],
  };
}

/** Component name of a type's data schema and of its whole fact. */
export const dataSchemaName = (type: PathwayEventType): string => `${type}Data`;
export const factSchemaName = (type: PathwayEventType): string => `${type}Fact`;
/** The component every fact is: one of the types, discriminated by `type`. */
export const PATHWAY_FACT_SCHEMA = 'PathwayFact';

/**
 * The schemas an OpenAPI 3.0 document needs (under `components.schemas`): each type's data and fact, with its
 * example, and `PathwayFact`, a `oneOf` discriminated by `type`.
 */
export function openApiFactSchemas(): Record<string, JsonObject> {
  const ref = (name: string) => `#/components/schemas/${name}`;
  const schemas: Record<string, JsonObject> = {};
  for (const type of PATHWAY_EVENT_TYPES) {
    const contract = EVENT_CONTRACTS[type];
    schemas[dataSchemaName(type)] = {
      ...(withoutConditionals(plain(contract.data)) as JsonObject),
      description: contract.summary,
      example: contract.example.data,
    };
    schemas[factSchemaName(type)] = {
      ...factSchema(type, { $ref: ref(dataSchemaName(type)) }),
      example: exampleFact(type),
    };
  }
  schemas[PATHWAY_FACT_SCHEMA] = {
    description: 'A pathway fact: the envelope, and `data` as its `type` says',
    oneOf: PATHWAY_EVENT_TYPES.map((type) => ({ $ref: ref(factSchemaName(type)) })),
    discriminator: {
      propertyName: 'type',
      mapping: Object.fromEntries(PATHWAY_EVENT_TYPES.map((type) => [type, ref(factSchemaName(type))])),
    },
  };
  return schemas;
}

/** The facts as a draft-07 schema for the AsyncAPI document (its schema format): one of the types' files. */
export function asyncApiFactSchema(idOf: (type: PathwayEventType) => string): JsonObject {
  return {
    description: 'A pathway fact: the envelope, and `data` as its `type` says',
    discriminator: 'type',
    oneOf: PATHWAY_EVENT_TYPES.map((type) => {
      const { $schema: _schema, ...schema } = eventJsonSchema(type, idOf(type))!;
      return schema;
    }),
  };
}
