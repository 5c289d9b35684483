import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditRecordDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ example: '2026-01-12T09:30:00.000Z' }) at!: string;
  @ApiProperty({ example: 'alice', description: "The token's subject" }) subject!: string;
  @ApiPropertyOptional({ example: 'dashboard' }) clientId?: string;
  @ApiProperty({ example: ['manager'] }) roles!: string[];
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/api/v1/las/:la/cases/:caseId/clock', description: 'Route template' }) route!: string;
  @ApiPropertyOptional({ example: '202' }) la?: string;
  @ApiProperty({ example: ['C000123'], description: 'Cases returned or changed (empty when more than 100)' })
  caseIds!: string[];
  @ApiProperty({ example: 1 }) caseCount!: number;
  @ApiProperty({ example: 200, description: 'The HTTP status answered' }) status!: number;
  @ApiPropertyOptional({ example: 'court order 2026/123' }) detail?: string;
}
