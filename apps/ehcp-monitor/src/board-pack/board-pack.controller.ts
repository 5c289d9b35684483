import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Access, problem, problemType } from '#http';
import { Clock } from '../ingestion/clock.js';
import { boardPackDocument } from './board-pack.html.js';
import type { BoardPack } from './board-pack.js';
import { BoardPackService } from './board-pack.service.js';
import { chooseBoardPackFormat, parseBoardPackWeek } from './board-pack.params.js';
import { BoardPackDto } from './board-pack.dto.js';
import { ChromiumUnavailableError, PdfRenderer, RendererBusyError, RenderTimeoutError } from './pdf-renderer.js';

/** The weekly board pack: figures, comparators, at-risk counts and revisions; no case reference, so the board reads it. */
@ApiTags('board pack')
@Controller('api/v1/las/:la/board-pack')
export class BoardPackController {
  constructor(
    private readonly packs: BoardPackService,
    @Inject(PdfRenderer) private readonly renderer: PdfRenderer,
    private readonly clock: Clock,
  ) {}

  @Access({ roles: ['manager', 'board'], la: 'path' })
  @Get(':week.pdf')
  @ApiOperation({
    summary: "An LA's weekly board pack as PDF",
    description:
      'The printable page of GET .../board-pack/{week}?format=html, printed to A4 landscape PDF by headless ' +
      'Chromium. 501 where Chromium is not installed (CHROMIUM_PATH); 503 when every render slot and waiting place ' +
      'is taken.',
  })
  @ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '202' })
  @ApiParam({ name: 'week', description: 'A complete ISO week', example: '2024-W10' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The board pack, application/pdf' })
  @ApiBadRequestResponse({ description: 'application/problem+json: not an ISO week, or a week not yet ended' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no LA has that code' })
  @ApiResponse({ status: 501, description: 'application/problem+json: no Chromium to print with' })
  @ApiResponse({ status: 503, description: 'application/problem+json: the renderer is busy; retry after a while' })
  async pdf(
    @Param('la') la: string,
    @Param('week') week: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const window = parseBoardPackWeek(week, this.clock.today());
    const pack = await this.packs.pack(la, window);
    let pdf: Buffer;
    try {
      pdf = await this.renderer.render(boardPackDocument(pack));
    } catch (error) {
      throw renderProblem(error, reply);
    }
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="board-pack-${la}-${window.week}.pdf"`);
    return pdf;
  }

  @Access({ roles: ['manager', 'board'], la: 'path' })
  @Get(':week')
  @ApiOperation({
    summary: "An LA's weekly board pack",
    description:
      "The headline figures over the 12 months to the week's Sunday with their monthly trends, the published " +
      "comparators (the LA's own figure, its region's and England's, for the latest published year up to the week's), " +
      "today's cases at risk counted by step and team, and the revisions of the week's rollup since it was first " +
      'reported. JSON by default; format=html (or Accept: text/html) answers the printable page.',
  })
  @ApiParam({ name: 'la', description: 'DfE three-digit LA code', example: '202' })
  @ApiParam({ name: 'week', description: 'A complete ISO week', example: '2024-W10' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'], description: 'Default json' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: BoardPackDto })
  @ApiBadRequestResponse({
    description: 'application/problem+json: not an ISO week, a week not yet ended, a bad format',
  })
  @ApiNotFoundResponse({ description: 'application/problem+json: no LA has that code' })
  async pack(
    @Param('la') la: string,
    @Param('week') week: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BoardPack | string> {
    const format = chooseBoardPackFormat(query, reply.request.headers.accept);
    const pack = await this.packs.pack(la, parseBoardPackWeek(week, this.clock.today()));
    if (format === 'json') return pack;
    void reply.header('content-type', 'text/html; charset=utf-8');
    return boardPackDocument(pack);
  }
}

function renderProblem(error: unknown, reply: FastifyReply): unknown {
  if (error instanceof ChromiumUnavailableError) {
    return problem(501, 'Not Implemented', error.message, problemType('pdf-renderer-unavailable'));
  }
  if (error instanceof RendererBusyError || error instanceof RenderTimeoutError) {
    void reply.header('retry-after', '30');
    return problem(503, 'Service Unavailable', error.message, problemType('pdf-renderer-busy'));
  }
  return error;
}
