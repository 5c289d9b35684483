import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Ajv } from 'ajv';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { ALL_REJECTION_REASONS, PATHWAY_EVENT_TYPES } from '#pathway';
import { typeErrors } from '../support/type-check.js';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

jest.setTimeout(120_000);

const run = promisify(execFile);
const require = createRequire(import.meta.url);

describe('the published contract', () => {
  let t: TestApp;
  let openApi: Record<string, any>;
  let folder: string;

  beforeAll(async () => {
    t = await startTestApp();
    const answer = await t.inject('GET', '/api/docs-json', undefined, null);
    expect(answer.status).toBe(200);
    openApi = answer.json;
    folder = mkdtempSync(join(tmpdir(), 'ehcp-contract-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t?.close();
  });

  it('serves the JSON Schema of each event type without a token, and validates with it', async () => {
    const answer = await t.inject('GET', '/api/v1/schemas/events/AssessmentRequested.json', undefined, null);
    expect(answer.status).toBe(200);
    expect(String(answer.headers['content-type'])).toContain('application/schema+json');
    expect(answer.json.$id).toBe('http://127.0.0.1:3000/api/v1/schemas/events/AssessmentRequested.json');
    const check = new Ajv({ allErrors: true, validateFormats: false }).compile(answer.json);
    const sent = fact('CT-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school', birthMonth: '2015-03' });
    expect(check(sent)).toBe(true);
    expect(check({ ...sent, data: { requestSource: 'school', dateOfBirth: '2015-03-04' } })).toBe(false);
    const posted = await t.inject('POST', '/api/v1/las/202/events', [sent]);
    expect(posted.json).toEqual([{ eventId: sent.eventId, status: 'accepted' }]);

    for (const type of PATHWAY_EVENT_TYPES) {
      expect((await t.inject('GET', `/api/v1/schemas/events/${type}.json`, undefined, null)).status).toBe(200);
    }
    for (const unknown of ['PlanEaten.json', 'constructor.json', '__proto__.json', 'AssessmentRequested']) {
      const missing = await t.inject('GET', `/api/v1/schemas/events/${unknown}`, undefined, null);
      expect({ unknown, status: missing.status }).toEqual({ unknown, status: 404 });
      expect(missing.json.type).toBe('https://ehcp-monitor.dev/problems/unknown-event-type');
      expect(String(missing.headers['content-type'])).toContain('application/problem+json');
    }
  });

  it('serves an AsyncAPI 3 document of the topics that is valid against the AsyncAPI 3.0 schema', async () => {
    const answer = await t.inject('GET', '/api/asyncapi.json', undefined, null);
    expect(answer.status).toBe(200);
    const spec = require('@asyncapi/specs/schemas/3.0.0.json') as Record<string, any>;
    // The AsyncAPI schema carries its own copy of the draft-07 meta-schema.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, meta: false, validateSchema: false });
    const check = ajv.compile(spec);
    expect(check(answer.json) ? [] : check.errors).toEqual([]);
    const addresses = Object.values(answer.json.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses).toEqual(['ehcp.pathway-events.v1', 'ehcp.pathway-events.dlq.v1', 'ehcp.kpi-rollups.weekly.v1']);
    const deadLetter = answer.json.components.messages.deadLetter.headers.properties as Record<string, unknown>;
    expect(Object.keys(deadLetter)).toEqual(
      expect.arrayContaining(['x-dlq-reason', 'x-dlq-code', 'x-original-offset']),
    );
    expect(answer.json.components.schemas.PathwayFact.oneOf).toHaveLength(PATHWAY_EVENT_TYPES.length);
    expect(answer.json.components.schemas.WeeklyRollupDto).toBeDefined();
  });

  it('serves every rejection code with its meaning', async () => {
    const answer = await t.inject('GET', '/api/v1/rejection-codes', undefined, null);
    expect(answer.status).toBe(200);
    expect(answer.json.map((c: { code: string }) => c.code).sort()).toEqual(Object.keys(ALL_REJECTION_REASONS).sort());
    expect(answer.json).toContainEqual({
      code: 'case-erased',
      meaning: ALL_REJECTION_REASONS['case-erased'],
      decidedBy: 'ingestion',
    });
  });

  it('documents each fact as one of the types, discriminated by type, with an example each', () => {
    const schemas = openApi.components.schemas as Record<string, any>;
    const body = openApi.paths['/api/v1/las/{la}/events'].post.requestBody.content['application/json'].schema;
    expect(body.items).toEqual({ $ref: '#/components/schemas/PathwayFact' });
    expect(schemas.PathwayFact.discriminator.propertyName).toBe('type');
    for (const type of PATHWAY_EVENT_TYPES) {
      expect(schemas[`${type}Fact`].example.type).toBe(type);
      expect(schemas[`${type}Fact`].properties.data).toEqual({ $ref: `#/components/schemas/${type}Data` });
    }
    expect(schemas.Problem.properties.type.enum).toContain('https://ehcp-monitor.dev/problems/unknown-event-type');
  });

  it('lints clean with Redocly (no missing schema, no error at all)', async () => {
    const file = join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(openApi));
    const cli = resolve('node_modules/@redocly/cli/bin/cli.js');
    const result = await run(process.execPath, [cli, 'lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(result.stdout) as {
      problems: Array<{ severity: string; ruleId: string; message: string }>;
    };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors).toEqual([]);
  });

  it("generates a client whose types hold each fact's data and each KPI's measures", async () => {
    const generated = astToString(await openapiTS(openApi as never));
    const uses = `
      import type { components } from './generated-api.js';
      type Schemas = components['schemas'];
      type Fact = Schemas['PathwayFact'];

      export function birthMonthOf(fact: Fact): string | undefined {
        if (fact.type === 'AssessmentRequested') return fact.data.birthMonth;
        return undefined;
      }
      export const request: Fact = {
        eventId: '0b6f3c1e-2a7d-4c1e-9f6a-3d2b1c0a9e8f', caseId: 'C000123', la: '202', type: 'AssessmentRequested',
        occurredOn: '2024-01-08', source: 'capita-one', data: { requestSource: 'school', birthMonth: '2015-03' },
      };
      // @ts-expect-error requestSource is one of the SEN2 sources
      export const unknownSource: Schemas['AssessmentRequestedData'] = { requestSource: 'neighbour' };
      // @ts-expect-error a final plan's data has no fields
      export const named: Schemas['FinalPlanIssuedFact']['data'] = { childName: 'A' };
      // @ts-expect-error the fields of one type's data are not another's
      export const mixed: Fact = { ...request, type: 'PlanCeased' };
      export const within: Schemas['TwentyWeekTimelinessFigures']['withinTwentyWeeksIncludingExceptions']['rate'] = 0.5;
      // @ts-expect-error there is no such measure
      export const invented: Schemas['TwentyWeekTimelinessFigures']['withinNineteenWeeks'] = undefined;
      export const mean: Schemas['TwentyWeekTimelinessFigures']['averageWeeks']['mean'] = 19.5;
    `;
    expect(typeErrors([], { 'test/e2e/generated-api.ts': generated, 'test/e2e/generated-uses.ts': uses })).toEqual([]);
  });
});
