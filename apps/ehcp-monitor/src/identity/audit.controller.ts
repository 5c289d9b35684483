import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AUDIT_LOG, Access, AuditLog, badRequest, isLaCode, type StoredAuditRecord } from '#http';
import { AuditRecordDto } from './audit-record.dto.js';

const CASE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SUBJECT = /^[\x21-\x7e]{1,200}$/;

function instant(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
    throw badRequest(`${name} must be an ISO date or instant`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1990 || date.getUTCFullYear() > 2100) {
    throw badRequest(`${name} must be a real date from 1990 to 2100`);
  }
  return date;
}

/** The audit trail, newest first, for admins (a DPO answering "who saw this child's record?"). */
@ApiTags('admin')
@Controller('api/v1/admin/audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly audit: AuditLog) {}

  @Access({ roles: ['admin'], la: 'none' })
  @Get()
  @ApiOperation({ summary: 'Audit records of access to personal data and of changes, newest first' })
  @ApiQuery({ name: 'la', required: false })
  @ApiQuery({ name: 'subject', required: false, description: "The token's subject (a person or a client)" })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'ISO date or instant, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO date or instant, exclusive' })
  @ApiQuery({ name: 'limit', required: false, description: 'Default 100, at most 1,000' })
  @ApiQuery({ name: 'before', required: false, description: 'Records older than this id (paging)' })
  @ApiOkResponse({ type: [AuditRecordDto] })
  find(@Query() query: Record<string, unknown>): Promise<StoredAuditRecord[]> {
    const { la, subject, caseId, limit, before } = query;
    if (la !== undefined && !isLaCode(la)) throw badRequest('la must be a three-digit LA code');
    if (subject !== undefined && (typeof subject !== 'string' || !SUBJECT.test(subject)))
      throw badRequest('subject is not valid');
    if (caseId !== undefined && (typeof caseId !== 'string' || !CASE_ID.test(caseId)))
      throw badRequest('caseId is not valid');
    if (before !== undefined && (typeof before !== 'string' || !/^\d{1,18}$/.test(before)))
      throw badRequest('before must be an id');
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 1000)
      throw badRequest('limit must be a whole number from 1 to 1000');
    return this.audit.find({
      limit: size,
      ...(la === undefined ? {} : { la }),
      ...(subject === undefined ? {} : { subject: subject }),
      ...(caseId === undefined ? {} : { caseId: caseId }),
      ...(before === undefined ? {} : { before: before }),
      ...optional('from', instant(query.from, 'from')),
      ...optional('to', instant(query.to, 'to')),
    });
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
