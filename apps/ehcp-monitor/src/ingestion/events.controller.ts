import { Access, badRequest, parseLaParam, type AuthorisedRequest, type FieldError } from '#http';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REFERENCE_PATTERN, fromStoredShape, streamNameFor, validatePathwayEvent, type PathwayEvent } from '#pathway';
import type { EventStore } from '#event-store';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { EVENT_STORE } from '../storage/tokens.js';
import { FactsPartlyRecordedError, RecordPathwayFacts, type FactResult } from './record-facts.command.js';
import { PARTLY_STORED_RETRY_AFTER, partlyStoredProblem } from './partly-stored.js';
import { CaseHistoryDto, FACT_BATCH_SCHEMA, FactResultDto, StoredFactDto } from './events.dto.js';

/** A case reference as the contract defines it. */
const CASE_ID = new RegExp(REFERENCE_PATTERN);

@ApiTags('events')
@ApiExtraModels(StoredFactDto)
@Controller('api/v1/las/:la')
export class EventsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @Access({ roles: ['case-system'], la: 'path', audit: 'change' })
  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record pathway facts',
    description:
      'Takes a JSON array of up to 1,000 facts. Each is decided against its case and stored once: the answer lists ' +
      'each fact as accepted, duplicate (its eventId is already stored with the same content), conflict (its eventId ' +
      'is stored with other content; nothing is stored) or rejected (with the reason). A body that is ' +
      'not an array of well-formed facts is refused whole with a 400 problem naming every bad field.',
  })
  @ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '202' })
  @ApiBody({
    description: 'Facts of the contract (JSON Schema of each type: GET /api/v1/schemas/events/{type}.json)',
    schema: FACT_BATCH_SCHEMA,
  })
  @ApiOkResponse({ type: [FactResultDto] })
  @ApiResponse({
    status: 503,
    description:
      'The store could not be reached, or (problem type partly-stored) some cases were stored and others hit a ' +
      'conflict or an outage: `results` then lists each fact as accepted, duplicate, rejected or failed with the ' +
      'reason. Retry after Retry-After; stored facts answer duplicate.',
  })
  async record(
    @Param('la') la: string,
    @Body() body: unknown,
    @Req() request: AuthorisedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FactResult[]> {
    const sender = request.principal?.clientId ?? request.principal?.subject ?? 'unknown';
    const command = new RecordPathwayFacts(parseLaParam(la), this.parseBatch(la, body), sender);
    try {
      return await this.commandBus.execute(command);
    } catch (error) {
      if (!(error instanceof FactsPartlyRecordedError)) throw error;
      if (error.transient) void reply.header('retry-after', String(PARTLY_STORED_RETRY_AFTER));
      throw partlyStoredProblem(error);
    }
  }

  @Access({ roles: ['manager'], la: 'path', audit: 'case-data' })
  @Get('cases/:caseId/events')
  @ApiOperation({ summary: "A case's history: every stored fact, corrections and retractions included" })
  @ApiParam({ name: 'la', example: '202' })
  @ApiParam({ name: 'caseId', example: 'C000123' })
  @ApiOkResponse({ type: CaseHistoryDto })
  async history(@Param('la') la: string, @Param('caseId') caseId: string): Promise<CaseHistoryDto> {
    parseLaParam(la);
    if (!CASE_ID.test(caseId)) throw badRequest('caseId must be 1-64 letters, digits, dots, dashes or underscores');
    const stored = await this.store.readStream(streamNameFor(la, caseId));
    return {
      la,
      caseId,
      version: stored.length - 1,
      events: stored.map((e) => ({
        ...fromStoredShape(e),
        ...(typeof e.metadata.recordedBy === 'string' ? { recordedBy: e.metadata.recordedBy } : {}),
        streamVersion: e.streamVersion,
        globalPosition: e.globalPosition.toString(),
      })),
    };
  }

  private parseBatch(la: string, body: unknown): PathwayEvent[] {
    if (!Array.isArray(body)) throw badRequest('The body must be a JSON array of pathway facts');
    if (body.length === 0) throw badRequest('The body must hold at least one fact');
    if (body.length > this.config.maxBatchSize) {
      throw badRequest(`A batch holds at most ${this.config.maxBatchSize} facts; this one has ${body.length}`);
    }
    const fields = countFields(body, MAX_FIELDS_PER_FACT * body.length);
    if (fields > MAX_FIELDS_PER_FACT * body.length) {
      throw badRequest(`A batch holds at most ${MAX_FIELDS_PER_FACT} fields a fact; nothing in this batch was stored`);
    }
    const errors: FieldError[] = [];
    const events: PathwayEvent[] = [];
    const seen = new Map<string, number>();
    body.forEach((item: unknown, index) => {
      const result = validatePathwayEvent(item);
      if (!result.ok) {
        result.errors.forEach((e) => errors.push({ path: `[${index}]${prefixPath(e.path)}`, message: e.message }));
        return;
      }
      if (result.event.la !== la) {
        errors.push({ path: `[${index}].la`, message: `must be the LA of the URL (${la})` });
        return;
      }
      const earlier = seen.get(result.event.eventId);
      if (earlier !== undefined && JSON.stringify(body[earlier]) !== JSON.stringify(item)) {
        errors.push({
          path: `[${index}].eventId`,
          message: `reuses the eventId of fact [${earlier}] with other content`,
        });
        return;
      }
      seen.set(result.event.eventId, index);
      events.push(result.event);
    });
    if (errors.length > 0) {
      const shown = errors.slice(0, MAX_LISTED_ERRORS);
      const more = errors.length > shown.length ? ` (the first ${shown.length} are listed)` : '';
      throw badRequest(`${errors.length} field error(s)${more}; nothing in this batch was stored`, shown);
    }
    return events;
  }
}

/** A fact has a dozen fields; far more is not a fact, and costs time to check. */
const MAX_FIELDS_PER_FACT = 64;
/** A 400 names at most this many fields (and says how many there were). */
const MAX_LISTED_ERRORS = 100;

/** The keys in a JSON value, counting no further than `limit` (so a hostile body costs a bounded walk). */
function countFields(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null) continue;
    for (const inner of Object.values(next)) {
      count++;
      if (typeof inner === 'object' && inner !== null) stack.push(inner);
    }
  }
  return count;
}

function prefixPath(path: string): string {
  if (path === '' || path.startsWith('[')) return path;
  return path.startsWith('.') ? path : `.${path}`;
}
