import { Access } from '#http';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { LaBenchmarks, PublishedBenchmarks } from '../published-benchmarks.js';
import { LaBenchmarksDto } from './benchmarks.dto.js';
import { parseKnownLa, parseYear } from './params.js';
import { OGL_ATTRIBUTION, PUBLISHED_BENCHMARKS } from './tokens.js';

/** An LA's published figures beside its region's and England's, with its rank among LAs. */
@ApiTags('benchmarks')
@Controller('api/v1/las/:la/benchmarks')
export class BenchmarksController {
  constructor(@Inject(PUBLISHED_BENCHMARKS) private readonly benchmarks: PublishedBenchmarks) {}

  @Access({ roles: ['manager', 'board'], la: 'path' })
  @Get()
  @ApiOperation({
    summary: "The LA's published figures, its region's and England's, and its rank and quartile among LAs",
    description:
      'DfE "Education, health and care plans" (reporting year 2025) and the SEND Tribunal appeal-rate table. ' +
      'Every cell names its file and column; x, c and z cells are not-available, suppressed, not-applicable.',
  })
  @ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '881' })
  @ApiQuery({ name: 'year', required: false, description: 'Calendar year (2019-2024); default the latest' })
  @ApiOkResponse({ type: LaBenchmarksDto })
  @ApiBadRequestResponse({ description: 'application/problem+json: a malformed LA code or year' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no LA has that code' })
  get(@Param('la') la: string, @Query() query: Record<string, unknown>): LaBenchmarks & { licence: string } {
    const code = parseKnownLa(this.benchmarks, la);
    const year = parseYear(this.benchmarks, query);
    const answer = this.benchmarks.benchmarks(code, year);
    if (answer === undefined) throw new Error(`LA ${code} vanished from the published figures`);
    return { ...answer, licence: OGL_ATTRIBUTION };
  }
}
