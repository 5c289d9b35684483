import { DEAD_LETTER_HEADERS, DEAD_LETTER_PAYLOAD_HEADERS, KPI_ROLLUPS_WEEKLY_TOPIC } from '#messaging';
import { asyncApiFactSchema, exampleFact } from '#pathway';
import type { OpenAPIObject } from '@nestjs/swagger';

type JsonObject = Record<string, unknown>;

export interface AsyncApiTopics {
  readonly eventsTopic: string;
  readonly deadLetterTopic: string;
  readonly rollupsTopic?: string;
}

const DEAD_LETTER_CODES =
  '`empty_message`, `invalid_utf8`, `invalid_json` (the value could not be read), `invalid-envelope` (the shape is ' +
  'wrong: the reason names each field), a rejection code of GET /api/v1/rejection-codes, or `handler-failed` (handling kept ' +
  'throwing and was given up after 8 attempts)';

/**
 * The AsyncAPI 3 document of the service's Kafka topics: pathway facts in (the same envelope as over HTTP, one JSON
 * Schema per type), dead letters with the headers that say why, and weekly rollups out (their schema taken from the
 * OpenAPI document, so it is written once).
 */
export function asyncApiDocument(openApi: OpenAPIObject, topics: AsyncApiTopics, publicUrl: string): JsonObject {
  const rollupsTopic = topics.rollupsTopic ?? KPI_ROLLUPS_WEEKLY_TOPIC;
  const openApiSchemas = (openApi.components?.schemas ?? {}) as Record<string, JsonObject>;
  const rollupSchemas = referencedFrom('WeeklyRollupDto', openApiSchemas);
  const header = (description: string, extra: JsonObject = {}) => ({ type: 'string', description, ...extra });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'EHCP Pathway Monitor: Kafka topics',
      version: '1',
      description:
        'Case systems send pathway facts to the facts topic; what cannot be recorded goes to the dead-letter topic ' +
        'with the reason in its headers (never a payload in the logs); weekly KPI rollups are published for the ' +
        'improvement board. The HTTP API is described at /api/docs-json.',
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    defaultContentType: 'application/json',
    channels: {
      pathwayFacts: {
        address: topics.eventsTopic,
        description:
          'Pathway facts, keyed by case so that partitions keep each case in order. Each fact is recorded once: a ' +
          'repeat of an eventId is answered duplicate and not stored twice.',
        messages: { pathwayFact: { $ref: '#/components/messages/pathwayFact' } },
      },
      deadLetters: {
        address: topics.deadLetterTopic,
        description: 'Facts that could not be recorded, with the original headers and the reason.',
        messages: { deadLetter: { $ref: '#/components/messages/deadLetter' } },
      },
      weeklyRollups: {
        address: rollupsTopic,
        description:
          'Weekly KPI rollups, compacted: the latest revision of each LA-week. A later revision replaces an earlier ' +
          'one when late-recorded facts change the week.',
        messages: { weeklyRollup: { $ref: '#/components/messages/weeklyRollup' } },
      },
    },
    operations: {
      receivePathwayFacts: {
        action: 'receive',
        channel: { $ref: '#/channels/pathwayFacts' },
        summary: 'The service consumes facts and records each as over HTTP',
        messages: [{ $ref: '#/channels/pathwayFacts/messages/pathwayFact' }],
      },
      sendDeadLetters: {
        action: 'send',
        channel: { $ref: '#/channels/deadLetters' },
        summary: 'The service dead-letters what it cannot record, and commits past it',
        messages: [{ $ref: '#/channels/deadLetters/messages/deadLetter' }],
      },
      sendWeeklyRollups: {
        action: 'send',
        channel: { $ref: '#/channels/weeklyRollups' },
        summary: 'The service publishes each new revision of a weekly rollup (at least once, from an outbox)',
        messages: [{ $ref: '#/channels/weeklyRollups/messages/weeklyRollup' }],
      },
    },
    components: {
      messages: {
        pathwayFact: {
          name: 'PathwayFact',
          title: 'A pathway fact',
          contentType: 'application/json',
          bindings: { kafka: { key: { type: 'string', description: 'The case reference (caseId)' } } },
          payload: { $ref: '#/components/schemas/PathwayFact' },
          examples: [
            { name: 'AssessmentRequested', summary: 'Key C000123', payload: exampleFact('AssessmentRequested') },
            { name: 'FinalPlanIssued', summary: 'Key C000123', payload: exampleFact('FinalPlanIssued') },
          ],
        },
        deadLetter: {
          name: 'DeadLetter',
          title: 'A fact that could not be recorded',
          description:
            'The original value (omitted when too large to copy), its original headers, and the reason. The reason ' +
            'names fields and codes, never their content.',
          headers: {
            type: 'object',
            required: [
              DEAD_LETTER_HEADERS.reason,
              DEAD_LETTER_HEADERS.code,
              DEAD_LETTER_HEADERS.originalTopic,
              DEAD_LETTER_HEADERS.originalPartition,
              DEAD_LETTER_HEADERS.originalOffset,
              DEAD_LETTER_HEADERS.deadLetteredAt,
            ],
            properties: {
              [DEAD_LETTER_HEADERS.reason]: header('Why, in a sentence of at most 1,000 characters'),
              [DEAD_LETTER_HEADERS.code]: header(`What kind of refusal: ${DEAD_LETTER_CODES}`),
              [DEAD_LETTER_HEADERS.originalTopic]: header('The topic the message came from'),
              [DEAD_LETTER_HEADERS.originalPartition]: header('Its partition', { pattern: '^\\d+$' }),
              [DEAD_LETTER_HEADERS.originalOffset]: header('Its offset', { pattern: '^\\d+$' }),
              [DEAD_LETTER_HEADERS.deadLetteredAt]: header('When it was dead-lettered', { format: 'date-time' }),
              [DEAD_LETTER_PAYLOAD_HEADERS.omitted]: header('Set when the value was too large to copy: why'),
              [DEAD_LETTER_PAYLOAD_HEADERS.size]: header('With a value omitted: its size in bytes', {
                pattern: '^\\d+$',
              }),
            },
          },
          payload: { description: 'The original message value, byte for byte (absent when omitted)' },
        },
        weeklyRollup: {
          name: 'WeeklyRollup',
          title: "An LA's weekly KPI rollup",
          contentType: 'application/json',
          bindings: { kafka: { key: { type: 'string', description: '`<la>:<week>`, e.g. 202:2024-W02' } } },
          headers: {
            type: 'object',
            properties: {
              'content-type': header('application/json'),
              'rollup-revision': header('The revision of the week, 1 as first reported', { pattern: '^\\d+$' }),
            },
          },
          payload: {
            schemaFormat: 'application/vnd.oai.openapi+json;version=3.0.0',
            schema: { $ref: '#/components/schemas/WeeklyRollupDto' },
          },
        },
      },
      schemas: {
        PathwayFact: asyncApiFactSchema((type) => `${publicUrl}/api/v1/schemas/events/${type}.json`),
        ...rollupSchemas,
      },
    },
  };
}

/** A component schema of the OpenAPI document and every schema it refers to, by name. */
function referencedFrom(name: string, schemas: Record<string, JsonObject>): Record<string, JsonObject> {
  const found: Record<string, JsonObject> = {};
  const visit = (schemaName: string): void => {
    const schema = schemas[schemaName];
    if (schema === undefined || found[schemaName] !== undefined) return;
    found[schemaName] = schema;
    for (const ref of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(ref[1]!);
  };
  visit(name);
  return found;
}
