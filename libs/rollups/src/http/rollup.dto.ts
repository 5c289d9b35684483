import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RollupFigureDto {
  @ApiProperty({
    enum: ['count', 'rate'],
    description: 'count: numerator is the count; rate: numerator of denominator',
  })
  unit!: 'count' | 'rate';
  @ApiProperty({ description: 'The count (for a rate, those meeting the standard)' })
  numerator!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Null for a count; for a rate, counted over the same period as the numerator',
  })
  denominator!: number | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Rates only: numerator / denominator, unrounded; null when the denominator is 0',
  })
  fraction?: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'numerator / denominator, 4 decimal places' })
  rate!: number | null;
}

export class RollupSettingsDto {
  @ApiProperty({ enum: ['day0', 'day1'] })
  countFrom!: string;
  @ApiProperty({ enum: ['strict', 'anniversary'] })
  reviewDue!: string;
  @ApiProperty({ enum: ['meeting', 'decision'] })
  nextReviewFrom!: string;
  @ApiProperty({ example: 14, description: 'At-risk horizon after the Sunday, in days' })
  atRiskDays!: number;
  @ApiProperty({ example: 'Europe/London', description: 'Weeks run Monday to Sunday in this time zone' })
  timeZone!: string;
}

export class HeadlineFiguresDto {
  @ApiProperty({ format: 'date' })
  from!: string;
  @ApiProperty({ format: 'date' })
  to!: string;
  @ApiProperty({ type: RollupFigureDto, description: 'Requests decided in the period within 6 weeks' })
  decisionsWithinSixWeeks!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto, description: 'New plans issued (SEN2, by final plan date)' })
  newPlansIssued!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto })
  withinTwentyWeeksIncludingExceptions!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto })
  withinTwentyWeeksExcludingExceptions!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto })
  annualReviewsDue!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto, description: 'Of reviews due, those held by the due date' })
  annualReviewsHeldOnTime!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto })
  appealsRegistered!: RollupFigureDto;
  @ApiProperty({ type: RollupFigureDto, description: 'Appeals registered / appealable decisions' })
  appealRate!: RollupFigureDto;
  @ApiProperty({
    type: RollupFigureDto,
    nullable: true,
    description: "Appeals registered / DfE 2024 method's denominator; null for a week (a year's census denominator)",
  })
  dfe2024AppealRate!: RollupFigureDto | null;
}

export class BacklogDto {
  @ApiProperty({ format: 'date', description: 'The Sunday the backlog stood on' })
  on!: string;
  @ApiProperty()
  openRequests!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Open requests by week of the clock (openWeeks0to6, openWeeks6to16, openWeeks16to20, openWeeks20Plus)',
  })
  byClockWeeks!: Record<string, number>;
  @ApiProperty({ description: 'Plans held on the Sunday' })
  activePlans!: number;
}

export class AtRiskCountsDto {
  @ApiProperty({ format: 'date' })
  on!: string;
  @ApiProperty({ example: 14 })
  withinDays!: number;
  @ApiProperty({ description: 'Next deadline passed by the Sunday' })
  overdue!: number;
  @ApiProperty({ description: 'Next deadline within withinDays of the Sunday' })
  dueSoon!: number;
  @ApiProperty()
  total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'At-risk cases by step' })
  byStep!: Record<string, number>;
}

export class WeeklyRollupDto {
  @ApiProperty({ example: 2, description: 'The payload shape: 2 adds unit, fraction and settings (see the README)' })
  schemaVersion!: number;
  @ApiProperty({ type: RollupSettingsDto, description: 'The counting settings the rollup was computed under' })
  settings!: RollupSettingsDto;
  @ApiProperty({ example: '202' })
  la!: string;
  @ApiProperty({ example: '2024-W02' })
  week!: string;
  @ApiProperty({ format: 'date', description: 'Monday' })
  weekStart!: string;
  @ApiProperty({ format: 'date', description: 'Sunday' })
  weekEnd!: string;
  @ApiProperty({ description: '1 as first reported; higher when later-recorded facts changed the week' })
  revision!: number;
  @ApiProperty({ format: 'date-time' })
  computedAt!: string;
  @ApiProperty({ description: 'Event-store position the case clocks had reached' })
  basedOnPosition!: string;
  @ApiProperty({ type: HeadlineFiguresDto })
  thisWeek!: HeadlineFiguresDto;
  @ApiProperty({ type: HeadlineFiguresDto, description: 'The 12 months ending on the Sunday' })
  rolling12Months!: HeadlineFiguresDto;
  @ApiProperty({ type: BacklogDto })
  backlog!: BacklogDto;
  @ApiProperty({ type: AtRiskCountsDto })
  atRisk!: AtRiskCountsDto;
}

export class WeeklyRollupsDto {
  @ApiProperty({ example: '202' })
  la!: string;
  @ApiProperty({ type: [WeeklyRollupDto] })
  rollups!: WeeklyRollupDto[];
}

export class IssuedRevisionDto {
  @ApiProperty({ example: '202' })
  la!: string;
  @ApiProperty({ example: '2024-W02' })
  week!: string;
  @ApiProperty({ example: 1 })
  revision!: number;
}

export class PublishResultDto {
  @ApiProperty({ format: 'date', description: 'Today in Europe/London, as the run took it' })
  today!: string;
  @ApiProperty({ type: [String], description: 'The weeks computed, newest first' })
  weeks!: string[];
  @ApiProperty({ type: [String] })
  las!: string[];
  @ApiProperty({ type: [IssuedRevisionDto], description: 'New revisions written to the outbox' })
  issued!: IssuedRevisionDto[];
  @ApiProperty({ description: 'Weeks unchanged since their latest revision' })
  unchanged!: number;
}
