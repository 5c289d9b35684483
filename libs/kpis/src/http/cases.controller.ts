import { Access } from '#http';
import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { KpiService, type CaseClockAnswer } from '../kpi-service.js';
import type { AtRiskReport } from '../measures/at-risk.js';
import { whenReady } from './kpis.controller.js';
import { AtRiskReportDto, CaseClockDto } from './kpi.dto.js';
import { atRiskTable, Exportable } from './exports/index.js';
import { parseAsOfOnly, parseAtRiskQuery, parseCaseId, parseLa, type RawQuery } from './query-params.js';

@ApiTags('cases')
@Controller('api/v1/las/:la')
export class CasesController {
  constructor(private readonly kpis: KpiService) {}

  @Access({ roles: ['manager'], la: 'path', audit: 'case-data' })
  @Get('cases/:caseId/clock')
  @ApiOperation({
    summary: "A case's statutory clock: stage, every due date and what happened, the next deadline, flags",
  })
  @ApiParam({ name: 'la', example: '202' })
  @ApiParam({ name: 'caseId', example: 'C000123' })
  @ApiQuery({ name: 'asOf', required: false, description: 'The clock from the events recorded by this instant' })
  @ApiOkResponse({ type: CaseClockDto })
  @ApiNotFoundResponse({ description: 'No such case in this LA (as of the instant asked)' })
  @ApiBadRequestResponse({ description: 'application/problem+json' })
  async clock(
    @Param('la') la: string,
    @Param('caseId') caseId: string,
    @Query() query: RawQuery,
  ): Promise<CaseClockAnswer> {
    const asOf = parseAsOfOnly(query);
    const clock = await whenReady(this.kpis.caseClock(parseLa(la), parseCaseId(caseId), asOf));
    if (clock === undefined) throw new NotFoundException(`no case ${caseId} in LA ${la}`);
    return clock;
  }

  @Access({ roles: ['manager'], la: 'path', audit: 'case-data' })
  @Get('at-risk')
  @Exportable(atRiskTable)
  @ApiOperation({ summary: 'Cases whose next statutory deadline has passed or falls within N days, soonest first' })
  @ApiParam({ name: 'la', example: '202' })
  @ApiQuery({ name: 'withinDays', required: false, description: 'Default 28, at most 366' })
  @ApiQuery({ name: 'asOf', required: false, description: 'As of this instant (its date is "today")' })
  @ApiOkResponse({ type: AtRiskReportDto })
  @ApiBadRequestResponse({ description: 'application/problem+json' })
  atRisk(@Param('la') la: string, @Query() query: RawQuery): Promise<AtRiskReport> {
    const { withinDays, asOf } = parseAtRiskQuery(query);
    return whenReady(this.kpis.atRisk(parseLa(la), withinDays, asOf));
  }
}
