import { GENERIC_PROBLEM_TYPE, PROBLEM_TYPES, problemType, type ProblemTypeName } from '#http';
import { kpiOpenApiSchemas } from '#kpis';
import { openApiFactSchemas } from '#pathway';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Adds the contract's schemas to the OpenAPI document: every fact type's data and envelope (`PathwayFact`, a
 * `oneOf` discriminated by `type`, with an example per type), each KPI's figures by measure, and the problem
 * document with its `type` URIs.
 */
export function documentContract(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    ...openApiFactSchemas(),
    ...kpiOpenApiSchemas(),
    Problem: problemSchema(),
  };
}

function problemSchema() {
  const names = Object.keys(PROBLEM_TYPES) as ProblemTypeName[];
  const table = names
    .map(
      (name) =>
        `- \`${problemType(name)}\` (${PROBLEM_TYPES[name].status.join(', ')}): ${PROBLEM_TYPES[name].description}`,
    )
    .join('\n');
  return {
    type: 'object' as const,
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status'],
    properties: {
      type: {
        type: 'string' as const,
        enum: [...names.map(problemType), GENERIC_PROBLEM_TYPE],
        description: `What kind of problem:\n${table}\n- \`${GENERIC_PROBLEM_TYPE}\`: any other error, as its HTTP status says.`,
      },
      title: { type: 'string' as const },
      status: { type: 'integer' as const },
      detail: { type: 'string' as const },
      instance: { type: 'string' as const },
      errors: {
        type: 'array' as const,
        description: 'For an invalid body: each bad field by its path (at most 100; `detail` gives the total)',
        items: {
          type: 'object' as const,
          required: ['path', 'message'],
          properties: {
            path: { type: 'string' as const, example: '[3].data.birthMonth' },
            message: { type: 'string' as const, example: 'must be a birth month in the form YYYY-MM' },
          },
        },
      },
    },
  };
}
