import { ALL_REJECTION_REASONS } from '#pathway';
import { ApiProperty } from '@nestjs/swagger';

export class RejectionCodeDto {
  @ApiProperty({ enum: Object.keys(ALL_REJECTION_REASONS), example: 'final-plan-before-request' })
  code!: string;

  @ApiProperty({ example: 'A final plan is dated before the request it answers.' })
  meaning!: string;

  @ApiProperty({
    enum: ['pathway', 'ingestion'],
    description:
      "pathway: what the fact says cannot be true of the case; ingestion: how it arrived (Kafka's shape check, an erased case)",
  })
  decidedBy!: 'pathway' | 'ingestion';
}
