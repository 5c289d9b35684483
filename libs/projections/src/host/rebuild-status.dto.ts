import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RebuildStatusDto {
  @ApiProperty({ example: 'case-clocks' })
  projection!: string;
  @ApiProperty({ enum: ['idle', 'running', 'done', 'failed'] })
  state!: string;
  @ApiProperty({ description: 'Global position the rebuilt generation has reached' })
  position!: string;
  @ApiProperty({ description: "The event store's head position" })
  head!: string;
  @ApiPropertyOptional()
  error?: string;
}
