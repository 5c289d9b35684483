import { Public, problem, problemType } from '#http';
import { ALL_REJECTION_REASONS, INGESTION_REJECTION_REASONS, PATHWAY_EVENT_TYPES, eventJsonSchema } from '#pathway';
import { Controller, Get, Header, Inject, Param, ServiceUnavailableException } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { ContractDocuments } from './contract-documents.js';
import { RejectionCodeDto } from './rejection-code.dto.js';

/**
 * The published contract, public like /api/docs: it describes the API and holds no one's data. The JSON Schema of
 * each event type, the AsyncAPI document of the Kafka topics, and the rejection codes with their meaning.
 */
@ApiTags('contract')
@Public()
@Controller()
export class ContractController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly documents: ContractDocuments,
  ) {}

  @Get('api/v1/schemas/events/:file')
  @Header('content-type', 'application/schema+json')
  @ApiOperation({
    summary: "An event type's JSON Schema (draft-07): the envelope with its data, and an example",
    description: 'The same schema the service validates with, without its own annotations.',
  })
  @ApiParam({ name: 'file', description: 'The event type, then .json', example: 'AssessmentRequested.json' })
  @ApiProduces('application/schema+json')
  @ApiOkResponse({ description: 'A JSON Schema document', schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ description: 'No event type of that name (problem `unknown-event-type`)' })
  eventSchema(@Param('file') file: string): Record<string, unknown> {
    const type = /^([A-Za-z]{1,64})\.json$/.exec(file)?.[1];
    const schema =
      type === undefined
        ? undefined
        : eventJsonSchema(type, `${this.config.publicUrl}/api/v1/schemas/events/${type}.json`);
    if (schema === undefined) {
      throw problem(
        404,
        'Not Found',
        `There is no event type of that name; the types are ${PATHWAY_EVENT_TYPES.join(', ')}`,
        problemType('unknown-event-type'),
      );
    }
    return schema;
  }

  @Get('api/asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3 document of the Kafka topics: facts in, dead letters, rollups out' })
  @ApiOkResponse({ description: 'An AsyncAPI 3.0 document', schema: { type: 'object', additionalProperties: true } })
  asyncApi(): Record<string, unknown> {
    const document = this.documents.asyncApiDocument();
    if (document === undefined) throw new ServiceUnavailableException('The AsyncAPI document is not built yet');
    return document;
  }

  @Get('api/v1/rejection-codes')
  @ApiOperation({
    summary: 'Every code a fact can be rejected with, and what it means',
    description: 'A rejected fact carries one of these codes and a sentence naming what is wrong with it.',
  })
  @ApiOkResponse({ type: [RejectionCodeDto] })
  rejectionCodes(): RejectionCodeDto[] {
    return Object.entries(ALL_REJECTION_REASONS).map(([code, meaning]) => ({
      code,
      meaning,
      decidedBy: Object.hasOwn(INGESTION_REJECTION_REASONS, code) ? 'ingestion' : 'pathway',
    }));
  }
}
