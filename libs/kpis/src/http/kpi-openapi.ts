import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  KPI_DEFINITIONS,
  TRIBUNAL_ORDER_DEFINITIONS,
  describeDefinition,
  type MeasureDefinition,
} from '../definitions.js';
import type { KpiName } from '../kpi-service.js';

/** `twenty-week-timeliness` -> `TwentyWeekTimeliness`. */
function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function definitionsText(definitions: Readonly<Record<string, MeasureDefinition>>): string {
  return Object.entries(definitions)
    .map(([name, d]) => `- ${describeDefinition(name, d)}`)
    .join('\n');
}

/** The route's summary, and in its description every measure's numerator, denominator, cohort and SEN2 column. */
export function ApiKpi(name: KpiName, summary: string, description = ''): MethodDecorator {
  const orders = name === 'tribunal' ? `\n\nIn \`orders\`:\n${definitionsText(TRIBUNAL_ORDER_DEFINITIONS)}` : '';
  return applyDecorators(
    ApiOperation({
      summary,
      description: `${description}${description ? '\n\n' : ''}Measures:\n${definitionsText(KPI_DEFINITIONS[name])}${orders}`,
    }),
    ApiOkResponse({ schema: ref(`${pascal(name)}Report`) }),
  );
}

/**
 * The schemas of each KPI's answer, with its figures by measure name (so a generated client types each measure),
 * for the OpenAPI document's `components.schemas`. They refine the generic KpiReportDto / GroupFiguresDto.
 */
export function kpiOpenApiSchemas(): Record<string, Record<string, unknown>> {
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const [name, definitions] of Object.entries(KPI_DEFINITIONS) as [KpiName, Record<string, MeasureDefinition>][]) {
    const base = pascal(name);
    const measureNames = Object.keys(definitions);
    schemas[`${base}Figures`] = {
      type: 'object',
      description: `The figures of ${name}, by measure`,
      required: measureNames,
      additionalProperties: false,
      properties: Object.fromEntries(
        measureNames.map((measure) => [
          measure,
          { allOf: [ref('FigureDto')], description: describeDefinition(measure, definitions[measure]!) },
        ]),
      ),
    };
    schemas[`${base}Group`] = {
      allOf: [
        ref('GroupFiguresDto'),
        {
          type: 'object',
          required: ['figures'],
          properties: {
            figures: ref(`${base}Figures`),
            breakdown: {
              type: 'object',
              description: 'With breakdown: the same figures by breakdown value',
              additionalProperties: ref(`${base}Figures`),
            },
          },
        },
      ],
    };
    schemas[`${base}Report`] = {
      allOf: [
        ref(name === 'tribunal' ? 'TribunalReportDto' : 'KpiReportDto'),
        {
          type: 'object',
          required: ['groups', 'total'],
          properties: {
            groups: { type: 'array', items: ref(`${base}Group`) },
            total: ref(`${base}Group`),
          },
        },
      ],
    };
  }
  return schemas;
}
