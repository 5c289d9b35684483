import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { PATHWAY_EVENT_TYPES } from '../events.js';
import { eventJsonSchema, exampleFact, openApiFactSchemas } from './documents.js';
import { EVENT_CONTRACTS, contractOf } from './event-schemas.js';
import { validatePathwayEvent } from './validator.js';
import { typeErrors } from '../../../../test/support/type-check.js';

describe('the event contract', () => {
  it('has a schema, a summary and an example for every event type of the domain', () => {
    const missing = PATHWAY_EVENT_TYPES.filter((type) => contractOf(type) === undefined);
    expect(missing).toEqual([]);
    expect(Object.keys(EVENT_CONTRACTS).sort()).toEqual([...PATHWAY_EVENT_TYPES].sort());
    for (const type of PATHWAY_EVENT_TYPES) expect(EVENT_CONTRACTS[type].summary).toMatch(/^[A-Z].+\.$/);
  });

  it('types each schema exactly as the domain types its data (type-checked)', () => {
    expect(typeErrors(['libs/pathway/src/contract/agreement.typecheck.ts'])).toEqual([]);
  });

  it("accepts every type's example, which names no child (a pseudonymous case, a birth month at most)", () => {
    for (const type of PATHWAY_EVENT_TYPES) {
      const example = exampleFact(type);
      expect({ type, result: validatePathwayEvent(example) }).toEqual({ type, result: { ok: true, event: example } });
      expect(JSON.stringify(example)).not.toMatch(/"(name|firstName|surname|dateOfBirth|dob)"/i);
    }
  });

  it('publishes standard draft-07 files that a plain Ajv compiles and that hold their example', () => {
    const plainAjv = new Ajv({ strict: true, allErrors: true, validateFormats: false });
    for (const type of PATHWAY_EVENT_TYPES) {
      const schema = eventJsonSchema(type, `https://example.test/${type}.json`)!;
      expect(JSON.stringify(schema)).not.toContain('"x-');
      const check = plainAjv.compile(schema);
      expect({ type, valid: check((schema.examples as unknown[])[0]) }).toEqual({ type, valid: true });
      expect(check({ ...exampleFact(type), childName: 'A' })).toBe(false);
    }
    expect(eventJsonSchema('PlanEaten', 'x')).toBeUndefined();
    expect(eventJsonSchema('constructor', 'x')).toBeUndefined();
  });

  it('describes facts for OpenAPI as one of the types, discriminated by type, each with an example', () => {
    const schemas = openApiFactSchemas();
    const fact = schemas.PathwayFact as { oneOf: unknown[]; discriminator: { mapping: Record<string, string> } };
    expect(fact.oneOf).toHaveLength(PATHWAY_EVENT_TYPES.length);
    expect(Object.keys(fact.discriminator.mapping).sort()).toEqual([...PATHWAY_EVENT_TYPES].sort());
    for (const type of PATHWAY_EVENT_TYPES) {
      expect(schemas[`${type}Fact`]?.example).toEqual(exampleFact(type));
      expect(JSON.stringify(schemas[`${type}Data`])).not.toContain('"const"');
    }
  });
});
