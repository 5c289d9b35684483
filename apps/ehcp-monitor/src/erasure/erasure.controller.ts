import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AUDIT_LOG, Access, AuditLog, badRequest, parseLaParam, writeAudit, type AuthorisedRequest } from '#http';
import { Inject } from '@nestjs/common';
import { ErasureService, type ErasureOutcome } from './erasure.service.js';

const CASE_ID = /^[A-Za-z0-9._-]{1,64}$/;

class EraseRequestDto {
  @ApiProperty({ example: 'Court order 2026/123', description: 'Why (kept in the audit trail; no personal data)' })
  reason!: string;
}

class ErasureOutcomeDto {
  @ApiProperty({ example: '202' }) la!: string;
  @ApiProperty({ example: 'C000123' }) caseId!: string;
  @ApiProperty({ example: 12 }) eventsErased!: number;
  @ApiProperty({ example: 30 }) readModelRowsErased!: number;
}

@ApiTags('admin')
@Controller('api/v1/admin/las/:la/cases/:caseId')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  @Access({ roles: ['admin'], la: 'path' })
  @Post('erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erases a case everywhere: its facts, clock and figures; a replay of its facts is refused afterwards',
  })
  @ApiParam({ name: 'la', example: '202' })
  @ApiParam({ name: 'caseId', example: 'C000123' })
  @ApiBody({ type: EraseRequestDto })
  @ApiOkResponse({ type: ErasureOutcomeDto })
  async erase(
    @Param('la') la: string,
    @Param('caseId') caseId: string,
    @Body() body: unknown,
    @Req() request: AuthorisedRequest,
  ): Promise<ErasureOutcome> {
    parseLaParam(la);
    if (!CASE_ID.test(caseId)) throw badRequest('caseId must be 1-64 letters, digits, dots, dashes or underscores');
    const reason = typeof body === 'object' && body !== null && 'reason' in body ? body.reason : undefined;
    if (
      typeof reason !== 'string' ||
      reason.trim().length < 3 ||
      reason.length > 500 ||
      [...reason].some((c) => c.charCodeAt(0) < 32)
    ) {
      throw badRequest('reason must be a sentence of 3-500 characters saying why the case is erased', [
        { path: 'reason', message: 'required, 3-500 characters' },
      ]);
    }
    const outcome = await this.erasure.erase(la, caseId);
    await writeAudit(this.audit, request, 200, { ids: [caseId], count: 1 }, `erased: ${reason.trim()}`);
    return outcome;
  }
}
