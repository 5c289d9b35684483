import { Access } from '#http';
import { Controller, Get, HttpCode, Inject, Injectable, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { Generations } from '../runner/generations.js';
import type { ProjectionRunner } from '../runner/projection-runner.js';
import { RebuildStatusDto } from './rebuild-status.dto.js';
import {
  CASE_CLOCKS_RUNNER,
  PROJECTIONS_MODULE_OPTIONS,
  READ_MODEL_DATA_SOURCE,
  type ProjectionsModuleOptions,
} from './tokens.js';

type RebuildState = 'idle' | 'running' | 'done' | 'failed';

/** Starts rebuilds in the background and reports how far they got. */
@Injectable()
export class RebuildTracker {
  private state: RebuildState = 'idle';
  private error: string | undefined;

  constructor(
    @Inject(CASE_CLOCKS_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PROJECTIONS_MODULE_OPTIONS) private readonly options: ProjectionsModuleOptions,
  ) {}

  get projection(): string {
    return this.runner.projection.name;
  }

  async start(): Promise<RebuildStatusDto> {
    if (this.state !== 'running') {
      this.state = 'running';
      this.error = undefined;
      this.runner.rebuild().then(
        () => {
          this.state = 'done';
        },
        (error: unknown) => {
          this.state = 'failed';
          this.error = error instanceof Error ? error.message : String(error);
        },
      );
    }
    return this.status();
  }

  async status(): Promise<RebuildStatusDto> {
    const generations = await new Generations(this.dataSource).list(this.projection);
    const building = generations.find((g) => g.status === 'building');
    const active = generations.find((g) => g.status === 'active');
    const position = (this.state === 'running' ? building : active)?.position ?? 0n;
    const head = await this.options.eventStore.headPosition();
    return {
      projection: this.projection,
      state: this.state,
      position: position.toString(),
      head: head.toString(),
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }
}

@ApiTags('admin')
@Controller('api/v1/admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly tracker: RebuildTracker) {}

  @Access({ roles: ['admin'], la: 'none', audit: 'change' })
  @Post(':projection/rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild a projection from zero into fresh tables, then swap it in',
    description: 'Queries keep reading the current tables until the swap. Follow progress with GET.',
  })
  @ApiParam({ name: 'projection', example: 'case-clocks' })
  @ApiAcceptedResponse({ type: RebuildStatusDto })
  rebuild(@Param('projection') projection: string): Promise<RebuildStatusDto> {
    this.check(projection);
    return this.tracker.start();
  }

  @Access({ roles: ['admin'], la: 'none' })
  @Get(':projection/rebuild')
  @ApiOperation({ summary: 'Progress of the latest rebuild' })
  @ApiParam({ name: 'projection', example: 'case-clocks' })
  @ApiOkResponse({ type: RebuildStatusDto })
  status(@Param('projection') projection: string): Promise<RebuildStatusDto> {
    this.check(projection);
    return this.tracker.status();
  }

  private check(projection: string): void {
    if (projection !== this.tracker.projection) throw new NotFoundException(`no projection named ${projection}`);
  }
}
