import { Type } from '@sinclair/typebox';
import { PATHWAY_EVENT_TYPES } from '../events.js';
import { FactDate, LaCode, OneOf, Reference, Text, Uuid } from './fields.js';

/** The envelope every fact travels in, over HTTP, Kafka or a backfill file; `data` has its type's own schema. */
export const ENVELOPE_FIELDS = {
  eventId: Uuid({ description: "The source's UUID for this fact: the idempotency key" }),
  caseId: Reference({ description: "The source's pseudonymous case reference, never a name", example: 'C000123' }),
  la: LaCode({ description: 'The DfE three-digit LA code: the tenant' }),
  type: OneOf(PATHWAY_EVENT_TYPES, { 'x-message': 'is not a known pathway event type' }),
  occurredOn: FactDate({ description: 'The business date of the fact' }),
  source: Text({ description: 'The sending system', example: 'capita-one' }),
  data: Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    description: "The fields of the fact's type",
    'x-message': 'must be an object',
  }),
  recordedAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Set by the backend when the fact is stored (ISO 8601 instant)',
      'x-message': 'must be an ISO 8601 instant with a time zone',
    }),
  ),
};

export const ENVELOPE = Type.Object(ENVELOPE_FIELDS, { additionalProperties: false, 'x-message': 'must be an object' });
