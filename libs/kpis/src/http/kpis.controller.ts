import { Access, shareAnswer } from '#http';
import { applyDecorators, Controller, Get, Param, Query, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiParam,
  ApiQuery,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ReadModelNotReadyError } from '#projections';
import { londonDate, KpiService, type KpiName } from '../kpi-service.js';
import type { KpiReport } from '../figures.js';
import { FigureDto, GroupFiguresDto, KpiReportDto, TribunalReportDto } from './kpi.dto.js';
import { ApiKpi } from './kpi-openapi.js';
import { parseKpiQuery, parseLa, type RawQuery } from './query-params.js';
import { Exportable, kpiTable } from './exports/index.js';

/** The query parameters every KPI route takes, documented once. */
export function ApiKpiQuery(): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '202' }),
    ApiQuery({ name: 'from', required: false, description: 'First day (ISO date); default 12 months before `to`' }),
    ApiQuery({ name: 'to', required: false, description: 'Last day (ISO date); default today' }),
    ApiQuery({ name: 'groupBy', required: false, enum: ['month', 'quarter', 'year'], description: 'Default month' }),
    ApiQuery({
      name: 'breakdown',
      required: false,
      enum: ['primaryNeed', 'ageBand', 'requestSource', 'team'],
      description: 'Split every figure by this attribute (age band at each period end)',
    }),
    ApiQuery({
      name: 'asOf',
      required: false,
      description: 'Answer from the events recorded by this instant (ISO date-time; a date means its end, UTC)',
    }),
    ApiQuery({
      name: 'includeCases',
      required: false,
      enum: ['true', 'false'],
      description: 'List the cases behind each figure',
    }),
    ApiBadRequestResponse({ description: 'application/problem+json naming every bad parameter' }),
    ApiServiceUnavailableResponse({ description: 'The read model has not been built yet' }),
  );
}

/** Managers and the board read figures; `includeCases=true` (case-level) is for managers only, and audited. */
const KPI_ACCESS = { roles: ['manager', 'board'], la: 'path', audit: 'case-data' } as const;

/** The statutory KPIs of an LA for a period. Thin: each route parses its query and asks the service. */
@ApiTags('kpis')
@ApiExtraModels(FigureDto, GroupFiguresDto, KpiReportDto, TribunalReportDto)
@Controller('api/v1/las/:la/kpis')
export class KpisController {
  constructor(private readonly kpis: KpiService) {}

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('six-week-decisions')
  @ApiKpi('six-week-decisions', 'Requests decided within 6 weeks (withdrawn excluded)')
  @ApiKpiQuery()
  sixWeekDecisions(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('six-week-decisions', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('no-plan-notices')
  @ApiKpi('no-plan-notices', 'Notices that no plan will be issued, given within 16 weeks')
  @ApiKpiQuery()
  noPlanNotices(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('no-plan-notices', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('twenty-week-timeliness')
  @ApiKpi(
    'twenty-week-timeliness',
    'New plans issued within 20 weeks (SEN2)',
    'By final plan issue date; transferred-in and tribunal-ordered plans are separate cohorts.',
  )
  @ApiKpiQuery()
  twentyWeekTimeliness(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('twenty-week-timeliness', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('draft-plan-breaches')
  @ApiKpi('draft-plan-breaches', 'Final plans issued before the 15-day representation window on the draft ended')
  @ApiKpiQuery()
  draftPlanBreaches(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('draft-plan-breaches', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('annual-reviews')
  @ApiKpi(
    'annual-reviews',
    'Annual reviews: due, held on time, held late, overdue; decisions, amendments, phase transfers',
    'Overdue is judged as of today, or as of `asOf`.',
  )
  @ApiKpiQuery()
  annualReviews(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('annual-reviews', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('tribunal')
  @ApiKpi(
    'tribunal',
    'Tribunal appeals: registered, appeal rate by both methods, outcomes, orders complied with on time',
  )
  @ApiKpiQuery()
  tribunal(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('tribunal', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('caseload')
  @ApiKpi('caseload', 'Active plans and open requests (by week of the clock) on the last day of each period')
  @ApiKpiQuery()
  caseload(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('caseload', la, query);
  }

  @Access(KPI_ACCESS)
  @Exportable(kpiTable)
  @Get('placements')
  @ApiKpi(
    'placements',
    'Plans by placement on the last day of each period (the January census on its day)',
    'Of plans held that day: the share in each placement group, in independent or non-maintained special schools, ' +
      'placed out of the LA’s area, with no placement recorded, and in each SEN2 setting type.',
  )
  @ApiKpiQuery()
  placements(@Param('la') la: string, @Query() query: RawQuery): Promise<KpiReport> {
    return this.answer('placements', la, query);
  }

  private answer(name: KpiName, la: string, query: RawQuery): Promise<KpiReport> {
    const parsed = parseKpiQuery(query, londonDate(new Date()));
    // Live answers come from the per-LA answer cache, the same object for every request until the LA changes.
    return whenReady(this.kpis.kpi(name, parseLa(la), parsed)).then(shareAnswer);
  }
}

/** A read model not built yet is a 503, not a 500. */
export async function whenReady<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ReadModelNotReadyError) throw new ServiceUnavailableException(error.message);
    throw error;
  }
}
