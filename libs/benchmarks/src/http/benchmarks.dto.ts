import { ApiProperty } from '@nestjs/swagger';

export class RegionDto {
  @ApiProperty({ example: 'E12000006', description: 'ONS region code' })
  code!: string;
  @ApiProperty({ example: 'East of England' })
  name!: string;
}

export class LocalAuthorityDto {
  @ApiProperty({ example: '881', description: 'DfE three-digit LA code' })
  code!: string;
  @ApiProperty({ example: 'E10000012', description: 'ONS LA code' })
  onsCode!: string;
  @ApiProperty({ example: 'Essex' })
  name!: string;
  @ApiProperty({ type: RegionDto })
  region!: RegionDto;
  @ApiProperty({ example: '2019', description: 'First time period with published figures' })
  firstPeriod!: string;
  @ApiProperty({ example: '202425', description: 'Last time period with published figures (202425: January 2025)' })
  lastPeriod!: string;
}

export class LocalAuthoritiesDto {
  @ApiProperty({ type: [LocalAuthorityDto] })
  las!: LocalAuthorityDto[];
  @ApiProperty({ example: 'Contains public sector information licensed under the Open Government Licence v3.0.' })
  licence!: string;
}

export class CellDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Null when the DfE publishes no number (see status)' })
  value!: number | null;
  @ApiProperty({
    enum: ['published', 'computed', 'not-available', 'suppressed', 'not-applicable'],
    description: 'published: the cell; computed: from published cells; the rest are the DfE symbols x, c and z',
  })
  status!: string;
  @ApiProperty({ example: 'timeliness_20_week.csv', description: 'The DfE file' })
  file!: string;
  @ApiProperty({ example: 'plans_issued_within_20_weeks', description: 'The column (a sum is `a + b`)' })
  column!: string;
}

export class PublishedFigureDto {
  @ApiProperty({ type: CellDto })
  numerator!: CellDto;
  @ApiProperty({ type: CellDto, nullable: true, description: 'Null for a count' })
  denominator!: CellDto | null;
  @ApiProperty({ type: CellDto, nullable: true, description: 'A percentage; null for a count' })
  rate!: CellDto | null;
}

export class RankDto {
  @ApiProperty({ description: '1 is the best (or the largest when neither direction is better); ties share' })
  position!: number;
  @ApiProperty({ description: 'LAs with a figure' })
  of!: number;
  @ApiProperty({ enum: [1, 2, 3, 4], description: '1 is the best quarter' })
  quartile!: number;
}

export class MeasureBenchmarkDto {
  @ApiProperty({ example: 'within-20-weeks-including-exceptions' })
  measure!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty({ enum: ['count', 'rate'] })
  kind!: string;
  @ApiProperty({ example: '2024', description: 'The calendar year, or the January census (202425) of the caseload' })
  timePeriod!: string;
  @ApiProperty({ example: 'timeliness_20_week.csv' })
  file!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Null when neither direction is better' })
  higherIsBetter!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: 'The KPI route computing it live (null: not yet)' })
  serviceKpi!: string | null;
  @ApiProperty({ type: PublishedFigureDto, nullable: true, description: 'Null when the LA has no row that year' })
  la!: PublishedFigureDto | null;
  @ApiProperty({ type: PublishedFigureDto, nullable: true, description: 'Null when no regional figure is published' })
  region!: PublishedFigureDto | null;
  @ApiProperty({ type: PublishedFigureDto, nullable: true })
  england!: PublishedFigureDto | null;
  @ApiProperty({ type: RankDto, nullable: true, description: "Null when the LA's figure is missing" })
  rank!: RankDto | null;
}

export class LaBenchmarksDto {
  @ApiProperty({ type: LocalAuthorityDto })
  la!: LocalAuthorityDto;
  @ApiProperty({ example: 2024 })
  year!: number;
  @ApiProperty({ type: [MeasureBenchmarkDto] })
  measures!: MeasureBenchmarkDto[];
  @ApiProperty({ example: 'Contains public sector information licensed under the Open Government Licence v3.0.' })
  licence!: string;
}
