import { Access } from '#http';
import { Exportable } from '#kpis';
import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ReadModelNotReadyError } from '#projections';
import { IncompleteWeekError, ProjectorBehindError, RollupService, type PublishResult } from '../rollup-service.js';
import type { WeeklyRollup } from '../rollup.js';
import { rollupsTable } from './rollups-table.js';
import { PublishResultDto, WeeklyRollupsDto } from './rollup.dto.js';
import { parsePublishQuery, parseRollupsQuery, type RawQuery } from './query-params.js';

/** The weekly rollups the improvement board receives, over HTTP (whether or not Kafka is on). */
@ApiTags('rollups')
@Controller('api/v1/las/:la/rollups')
export class RollupsController {
  constructor(private readonly rollups: RollupService) {}

  @Access({ roles: ['manager', 'board'], la: 'path' })
  @Get('weekly')
  @Exportable(rollupsTable)
  @ApiOperation({
    summary: 'Weekly KPI rollups of an LA',
    description:
      'The latest revision of each week, newest week first; with week, that week only; with revisions=all, every ' +
      'revision of the week, first reported first (revision 1 is "as first reported", the last "as known now").',
  })
  @ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '202' })
  @ApiQuery({ name: 'week', required: false, description: 'ISO week, e.g. 2024-W02' })
  @ApiQuery({ name: 'revisions', required: false, enum: ['latest', 'all'], description: 'Default latest' })
  @ApiQuery({ name: 'limit', required: false, description: 'Most weeks to return (1-520, default 104)' })
  @ApiOkResponse({ type: WeeklyRollupsDto })
  @ApiBadRequestResponse({ description: 'application/problem+json naming every bad parameter' })
  @ApiNotFoundResponse({ description: 'No rollup has been published for that week' })
  async weekly(@Param('la') la: string, @Query() raw: RawQuery): Promise<{ la: string; rollups: WeeklyRollup[] }> {
    const query = parseRollupsQuery(la, raw);
    if (query.week === undefined) return { la, rollups: await this.rollups.store.latestOfEachWeek(la, query.limit) };
    const rollups =
      query.revisions === 'all'
        ? await this.rollups.store.revisions(la, query.week)
        : [await this.rollups.store.latest(la, query.week)].filter((r): r is WeeklyRollup => r !== undefined);
    if (rollups.length === 0) throw new NotFoundException(`no rollup of LA ${la} has been published for ${query.week}`);
    return { la, rollups };
  }
}

/** Compute and publish now (the CLI's publish-rollups). */
@ApiTags('rollups')
@Controller('api/v1/admin/rollups')
export class RollupsAdminController {
  constructor(private readonly rollups: RollupService) {}

  @Access({ roles: ['admin'], la: 'none', audit: 'change' })
  @Post('publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Compute the weekly rollups now and issue new revisions',
    description:
      'Recomputes the recent complete weeks of one LA (la) or of every LA with cases, or one week (la and week). ' +
      'A week whose content changed since its latest revision gets the next revision and an outbox record; an ' +
      'unchanged week gets nothing.',
  })
  @ApiQuery({ name: 'la', required: false, description: 'DfE three-digit LA code; default every LA with cases' })
  @ApiQuery({ name: 'week', required: false, description: 'One complete ISO week (needs la), e.g. 2024-W02' })
  @ApiOkResponse({ type: PublishResultDto })
  @ApiBadRequestResponse({ description: 'application/problem+json naming every bad parameter' })
  @ApiServiceUnavailableResponse({
    description: 'The case clocks read model has not been built yet, or is too far behind the event store',
  })
  async publish(@Query() raw: RawQuery): Promise<PublishResult> {
    const query = parsePublishQuery(raw);
    try {
      return await this.rollups.publish(query);
    } catch (error) {
      if (error instanceof IncompleteWeekError) throw new BadRequestException(error.message);
      if (error instanceof ReadModelNotReadyError || error instanceof ProjectorBehindError) {
        throw new ServiceUnavailableException(error.message);
      }
      throw error;
    }
  }
}
