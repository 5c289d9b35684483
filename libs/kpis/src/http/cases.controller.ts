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
import { atRiskTable, Exportable, Exporting } from './exports/index.js';
import { PRIMARY_NEEDS, WORKLIST_STEPS } from '#pathway';
import { AT_RISK_STATUSES, NO_TEAM } from '../measures/at-risk.js';
import {
  AT_RISK_LIMIT,
  CASE_STAGES,
  parseAsOfOnly,
  parseAtRiskQuery,
  parseCaseId,
  parseLa,
  type RawQuery,
} from './query-params.js';

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
  @ApiOperation({
    summary: 'The at-risk worklist: open statutory obligations past their deadline or due within N days',
    description:
      'One item per open obligation (a request, review, amendment, order or transfer notice: its next step), ' +
      'soonest first, with the next action in plain words. Plans that ceased or transferred out keep only the ' +
      'windows to appeal their decisions, while open; superseded steps are not listed. Counts (total, overdue, ' +
      'byStep, byTeam) cover the whole filtered list; items are one page of it. A CSV or XLSX export lists the whole ' +
      'filtered list. Filters take one value or a comma-separated list.',
  })
  @ApiParam({ name: 'la', example: '202' })
  @ApiQuery({ name: 'withinDays', required: false, description: 'Default 28, at most 366' })
  @ApiQuery({ name: 'asOf', required: false, description: 'As of this instant (its date is "today")' })
  @ApiQuery({ name: 'team', required: false, description: 'Team or locality; `(none)` for cases with none' })
  @ApiQuery({ name: 'step', required: false, enum: WORKLIST_STEPS, description: 'Statutory step' })
  @ApiQuery({ name: 'primaryNeed', required: false, enum: [...PRIMARY_NEEDS, NO_TEAM], description: 'SEN2 code' })
  @ApiQuery({ name: 'status', required: false, enum: AT_RISK_STATUSES })
  @ApiQuery({ name: 'stage', required: false, enum: CASE_STAGES, description: "The case's stage" })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Items a page: default ${AT_RISK_LIMIT.default}, at most ${AT_RISK_LIMIT.max}`,
  })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: "The previous page's nextCursor: the next page starts after its last item, however the list changed",
  })
  @ApiOkResponse({ type: AtRiskReportDto })
  @ApiBadRequestResponse({ description: 'application/problem+json naming every bad parameter' })
  atRisk(@Param('la') la: string, @Query() query: RawQuery, @Exporting() exporting: boolean): Promise<AtRiskReport> {
    const parsed = parseAtRiskQuery(query, exporting);
    return whenReady(this.kpis.atRisk(parseLa(la), parsed));
  }
}
