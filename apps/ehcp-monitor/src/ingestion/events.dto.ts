import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PATHWAY_EVENT_TYPES } from '#pathway';

/** OpenAPI description of the fact envelope; the shape check itself is the domain's validatePathwayEvent. */
export class PathwayEventDto {
  @ApiProperty({ format: 'uuid', description: "The source's id for this fact: the idempotency key" })
  eventId!: string;

  @ApiProperty({ example: 'C000123', description: "The source's pseudonymous case reference (never a name)" })
  caseId!: string;

  @ApiProperty({ example: '202', description: 'DfE three-digit LA code; must match the URL' })
  la!: string;

  @ApiProperty({ enum: PATHWAY_EVENT_TYPES })
  type!: string;

  @ApiProperty({ format: 'date', example: '2024-01-08', description: 'The business date of the fact' })
  occurredOn!: string;

  @ApiProperty({ example: 'capita-one', description: 'The sending system' })
  source!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { requestSource: 'school', birthMonth: '2015-03', primaryNeed: 'ASD', team: 'North' },
    description: 'Fields of the fact type (see the README)',
  })
  data!: Record<string, unknown>;
}

export class FactResultDto {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({
    enum: ['accepted', 'duplicate', 'rejected', 'conflict'],
    description:
      'duplicate: this eventId is already recorded with the same content; conflict: it is recorded with other ' +
      'content (another case, type, date, source or data) and this fact was not stored',
  })
  status!: string;

  @ApiPropertyOptional({ example: 'final-plan-before-request', description: 'Why a fact was rejected (or `conflict`)' })
  code?: string;

  @ApiPropertyOptional({ description: 'A sentence for the person at the case system' })
  message?: string;
}

export class StoredPathwayEventDto extends PathwayEventDto {
  @ApiProperty({ description: 'When the backend stored the fact' })
  recordedAt!: string;

  @ApiProperty()
  streamVersion!: number;

  @ApiProperty({ description: 'Position in the global order (a decimal string)' })
  globalPosition!: string;
}

export class CaseHistoryDto {
  @ApiProperty()
  la!: string;

  @ApiProperty()
  caseId!: string;

  @ApiProperty({ description: "The case stream's version; -1 when nothing is stored" })
  version!: number;

  @ApiProperty({ type: [StoredPathwayEventDto] })
  events!: Array<Record<string, unknown>>;
}
