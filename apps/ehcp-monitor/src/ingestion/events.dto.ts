import { ALL_REJECTION_REASONS, PATHWAY_FACT_SCHEMA } from '#pathway';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** The facts a case system sends: each one of the contract's types, its `data` as the type says. */
export const FACT_BATCH_SCHEMA = {
  type: 'array',
  minItems: 1,
  maxItems: 1000,
  items: { $ref: `#/components/schemas/${PATHWAY_FACT_SCHEMA}` },
} as const;

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

  @ApiPropertyOptional({
    enum: Object.keys(ALL_REJECTION_REASONS),
    example: 'final-plan-before-request',
    description: 'Why a fact was rejected, or `conflict` (GET /api/v1/rejection-codes says what each code means)',
  })
  code?: string;

  @ApiPropertyOptional({ description: 'A sentence for the person at the case system' })
  message?: string;
}

/** What the store adds to each fact it keeps. */
export class StoredFactDto {
  @ApiProperty({ format: 'date-time', description: 'When the backend stored the fact' })
  recordedAt!: string;

  @ApiPropertyOptional({ description: "Who sent it: the token's client or subject, or kafka-ingestion" })
  recordedBy?: string;

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

  @ApiProperty({
    type: 'array',
    items: { allOf: [{ $ref: `#/components/schemas/${PATHWAY_FACT_SCHEMA}` }, { $ref: getSchemaPath(StoredFactDto) }] },
  })
  events!: Array<Record<string, unknown>>;
}
