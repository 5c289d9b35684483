import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FigureCasesDto {
  @ApiProperty({ type: [String], description: 'Cases counted in the numerator' })
  numerator!: string[];
  @ApiProperty({ type: [String], description: 'Cases counted in the denominator (empty for a count)' })
  denominator!: string[];
}

export class FigureDto {
  @ApiProperty({ description: 'The count, or the sum for an average' })
  numerator!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null for a plain count' })
  denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'numerator / denominator (an average for averages)' })
  rate!: number | null;
  @ApiPropertyOptional({ type: FigureCasesDto, description: 'With includeCases=true: the cases behind the figure' })
  cases?: FigureCasesDto;
}

const FIGURES_SCHEMA = {
  type: 'object',
  description: 'Figures by measure name',
  additionalProperties: { $ref: '#/components/schemas/FigureDto' },
} as const;

export class GroupFiguresDto {
  @ApiProperty({ example: '2024-03', description: '2024-03, 2024-Q1, 2024, or total' })
  period!: string;
  @ApiProperty({ format: 'date' })
  from!: string;
  @ApiProperty({ format: 'date' })
  to!: string;
  @ApiProperty(FIGURES_SCHEMA)
  figures!: Record<string, FigureDto>;
  @ApiPropertyOptional({
    type: 'object',
    description: 'With breakdown: figures by breakdown value (e.g. ASD, 11-15, school, north)',
    additionalProperties: FIGURES_SCHEMA,
  })
  breakdown?: Record<string, Record<string, FigureDto>>;
}

export class MeasureDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: ['rate', 'count', 'average'] })
  kind!: string;
  @ApiProperty()
  description!: string;
}

export class KpiReportDto {
  @ApiProperty({ example: 'twenty-week-timeliness' })
  kpi!: string;
  @ApiProperty({ format: 'date' })
  from!: string;
  @ApiProperty({ format: 'date' })
  to!: string;
  @ApiProperty({ enum: ['month', 'quarter', 'year'] })
  groupBy!: string;
  @ApiProperty({ enum: ['primaryNeed', 'ageBand', 'requestSource', 'team'], nullable: true, type: String })
  breakdown!: string | null;
  @ApiProperty({ type: [MeasureDto] })
  measures!: MeasureDto[];
  @ApiProperty({ type: [GroupFiguresDto] })
  groups!: GroupFiguresDto[];
  @ApiProperty({ type: GroupFiguresDto, description: 'The whole period as one' })
  total!: GroupFiguresDto;
}

export class AppealRatesDto {
  @ApiProperty()
  period!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Appeals / appealable decisions' })
  appealRate!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'DfE 2024: appeals / (refusals + no-plan + plans held in January + plans ceased as needs met)',
  })
  dfe2024Rate!: number | null;
}

export class TribunalReportDto extends KpiReportDto {
  @ApiProperty({ type: [AppealRatesDto] })
  rates!: AppealRatesDto[];
  @ApiProperty({ type: KpiReportDto, description: 'Tribunal orders complied with by their deadline' })
  orders!: KpiReportDto;
}

export class AtRiskCaseDto {
  @ApiProperty()
  caseId!: string;
  @ApiProperty()
  stage!: string;
  @ApiProperty({ type: String, nullable: true, example: 'decide-whether-to-assess' })
  step!: string | null;
  @ApiProperty({ format: 'date' })
  deadline!: string;
  @ApiProperty({ description: 'Negative once passed' })
  daysLeft!: number;
  @ApiProperty({ enum: ['overdue', 'due-soon'] })
  status!: string;
  @ApiProperty({ type: String, nullable: true })
  team!: string | null;
  @ApiProperty({ type: String, nullable: true })
  primaryNeed!: string | null;
}

export class AtRiskReportDto {
  @ApiProperty({ format: 'date' })
  today!: string;
  @ApiProperty()
  withinDays!: number;
  @ApiProperty()
  overdue!: number;
  @ApiProperty()
  dueSoon!: number;
  @ApiProperty({ type: [AtRiskCaseDto] })
  cases!: AtRiskCaseDto[];
}

export class PendingDeadlineDto {
  @ApiProperty({ example: 'final-plan' })
  step!: string;
  @ApiProperty({ format: 'date' })
  due!: string;
}

export class CaseClockDto {
  @ApiProperty()
  la!: string;
  @ApiProperty()
  caseId!: string;
  @ApiProperty({ example: 'plan-active' })
  stage!: string;
  @ApiProperty({ type: PendingDeadlineDto, nullable: true })
  nextDeadline!: PendingDeadlineDto | null;
  @ApiProperty({ type: [PendingDeadlineDto] })
  pending!: PendingDeadlineDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'The fact rows the KPIs count for this case (requests, plans, reviews, appeals...)',
  })
  facts!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Data-quality flags' })
  flags!: object[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Facts retracted as recorded in error' })
  retractions!: object[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "The pathway's statutory clock as of today (or asOf): every request cycle, plan, review, amendment, appeal and order step with its due date and status (on-time, late, overdue, due)",
  })
  statutory!: object;
  @ApiProperty({ type: String, nullable: true })
  birthMonth!: string | null;
  @ApiProperty({ type: String, nullable: true })
  primaryNeed!: string | null;
  @ApiProperty({ type: String, nullable: true })
  requestSource!: string | null;
  @ApiProperty({ type: String, nullable: true })
  team!: string | null;
}
