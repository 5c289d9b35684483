import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WORKLIST_STEPS } from '#pathway';
import { AT_RISK_STATUSES } from '../measures/at-risk.js';
import { CASE_STAGES } from './query-params.js';

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
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'For an average: the mean (null with nothing to average)',
  })
  mean?: number | null;
  @ApiPropertyOptional({ description: 'For an average: how many values it is the mean of' })
  n?: number;
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

export class AtRiskItemDto {
  @ApiProperty()
  caseId!: string;
  @ApiProperty({ enum: CASE_STAGES })
  stage!: string;
  @ApiProperty({ enum: WORKLIST_STEPS, example: 'assessment-decision' })
  step!: string;
  @ApiProperty({ description: 'Which request, review, amendment, order or decision: unique within the case' })
  ref!: string;
  @ApiProperty({ format: 'date' })
  deadline!: string;
  @ApiProperty({ description: 'Negative once passed' })
  daysLeft!: number;
  @ApiProperty({ enum: AT_RISK_STATUSES })
  status!: string;
  @ApiProperty({
    example: 'Decide whether to assess (due 12 Mar 2024)',
    description: 'The next action, in plain words',
  })
  action!: string;
  @ApiProperty({ type: String, nullable: true })
  team!: string | null;
  @ApiProperty({ type: String, nullable: true })
  primaryNeed!: string | null;
}

export class AtRiskFiltersDto {
  @ApiPropertyOptional({ type: [String] })
  team?: string[];
  @ApiPropertyOptional({ type: [String], enum: WORKLIST_STEPS })
  step?: string[];
  @ApiPropertyOptional({ type: [String] })
  primaryNeed?: string[];
  @ApiPropertyOptional({ type: [String], enum: AT_RISK_STATUSES })
  status?: string[];
  @ApiPropertyOptional({ type: [String], enum: CASE_STAGES })
  stage?: string[];
}

export class AtRiskReportDto {
  @ApiProperty({ format: 'date' })
  today!: string;
  @ApiProperty()
  withinDays!: number;
  @ApiProperty({ type: AtRiskFiltersDto, description: 'The filters applied' })
  filters!: AtRiskFiltersDto;
  @ApiProperty({ description: 'Items in the whole filtered list (every page)' })
  total!: number;
  @ApiProperty({ description: 'Of the whole filtered list, past their deadline' })
  overdue!: number;
  @ApiProperty({ description: 'Of the whole filtered list, due within withinDays' })
  dueSoon!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { 'annual-review': 12 } })
  byStep!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { north: 7, '(none)': 2 } })
  byTeam!: Record<string, number>;
  @ApiProperty({ type: Number, nullable: true, description: 'The page size; null for an export (the whole list)' })
  limit!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
  @ApiProperty({ type: [AtRiskItemDto] })
  items!: AtRiskItemDto[];
}

export class PendingDeadlineDto {
  @ApiProperty({ example: 'final-plan' })
  step!: string;
  @ApiProperty({ format: 'date' })
  due!: string;
}

export class WorklistEntryDto {
  @ApiProperty({ enum: WORKLIST_STEPS })
  step!: string;
  @ApiProperty({ example: 'cycle-0' })
  ref!: string;
  @ApiProperty({ format: 'date' })
  due!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The last day it can still be acted on' })
  until!: string | null;
  @ApiProperty({ example: 'Decide whether to assess (due 12 Mar 2024)' })
  action!: string;
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
    type: [WorklistEntryDto],
    description: "The case's open obligations, as the at-risk worklist lists them (before the horizon and `until`)",
  })
  worklist!: WorklistEntryDto[];
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
      "The pathway's statutory clock as of today (or asOf): every request cycle, plan, review, amendment, appeal and order step with its due date and status (on-time, late, overdue, due); `pending` and the steps closed unmet (`superseded`, with the outcome that closed each)",
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
