import { Access } from '#http';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LocalAuthority } from '../la-directory.js';
import type { PublishedBenchmarks } from '../published-benchmarks.js';
import { LocalAuthoritiesDto } from './benchmarks.dto.js';
import { OGL_ATTRIBUTION, PUBLISHED_BENCHMARKS } from './tokens.js';

/** The LAs the DfE publishes figures for: the codes every `{la}` route accepts. */
@ApiTags('benchmarks')
@Controller('api/v1/las')
export class LasController {
  constructor(@Inject(PUBLISHED_BENCHMARKS) private readonly benchmarks: PublishedBenchmarks) {}

  @Access({ roles: ['case-system', 'manager', 'board', 'admin'], la: 'none' })
  @Get()
  @ApiOperation({ summary: 'Every LA code with its name and region (DfE published figures)' })
  @ApiOkResponse({ type: LocalAuthoritiesDto })
  list(): { las: LocalAuthority[]; licence: string } {
    return { las: this.benchmarks.las(), licence: OGL_ATTRIBUTION };
  }
}
