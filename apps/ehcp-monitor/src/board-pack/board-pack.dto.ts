import { ApiProperty } from '@nestjs/swagger';

class PackFigureDto {
  @ApiProperty() numerator!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null for a count' }) denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'A fraction (0.162); null for a count' }) rate!:
    number | null;
}

class ComparatorDto {
  @ApiProperty({ example: 'within-20-weeks-including-exceptions', description: 'The published measure' })
  measure!: string;
  @ApiProperty({ example: 2024, description: 'The calendar year the published figures refer to' }) year!: number;
  @ApiProperty({ example: '2024', description: 'The DfE time period (202425: the January 2025 census)' })
  timePeriod!: string;
  @ApiProperty({ type: Number, nullable: true, description: "The LA's published figure (rates as fractions)" })
  la!: number | null;
  @ApiProperty({ type: Number, nullable: true }) region!: number | null;
  @ApiProperty({ type: Number, nullable: true }) england!: number | null;
}

class TrendPointDto {
  @ApiProperty({ example: '2024-03' }) month!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
}

class PackHeadlineDto {
  @ApiProperty({ example: 'twenty-week-timeliness' }) kpi!: string;
  @ApiProperty({ example: 'withinTwentyWeeksIncludingExceptions' }) measure!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['rate', 'count'] }) kind!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The published measure it is compared with' })
  benchmark!: string | null;
  @ApiProperty({ type: PackFigureDto, nullable: true, description: "Over the 12 months to the week's Sunday" })
  figure!: PackFigureDto | null;
  @ApiProperty({ type: [TrendPointDto] }) trend!: TrendPointDto[];
  @ApiProperty({ type: ComparatorDto, nullable: true }) comparator!: ComparatorDto | null;
}

class AtRiskTallyDto {
  @ApiProperty({ description: 'The step or team ("not recorded" when the case has none)' }) key!: string;
  @ApiProperty() overdue!: number;
  @ApiProperty() dueSoon!: number;
}

class AtRiskSummaryDto {
  @ApiProperty({ example: '2024-03-11' }) today!: string;
  @ApiProperty({ example: 14 }) withinDays!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() dueSoon!: number;
  @ApiProperty({ type: [AtRiskTallyDto] }) byStep!: AtRiskTallyDto[];
  @ApiProperty({ type: [AtRiskTallyDto] }) byTeam!: AtRiskTallyDto[];
}

class RevisionDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'ISO instant' }) computedAt!: string;
}

class RevisedFigureDto {
  @ApiProperty({ enum: ['thisWeek', 'rolling12Months'] }) period!: string;
  @ApiProperty({ example: 'withinTwentyWeeksIncludingExceptions' }) figure!: string;
  @ApiProperty({ type: PackFigureDto }) firstReported!: PackFigureDto;
  @ApiProperty({ type: PackFigureDto }) knownNow!: PackFigureDto;
}

class RevisionHistoryDto {
  @ApiProperty({ type: [RevisionDto], description: 'Empty when the week was never reported' })
  revisions!: RevisionDto[];
  @ApiProperty({ type: [RevisedFigureDto], description: 'Figures the latest revision changed from the first' })
  changed!: RevisedFigureDto[];
}

class PackLaDto {
  @ApiProperty({ example: '202' }) code!: string;
  @ApiProperty({ example: 'Camden' }) name!: string;
  @ApiProperty({ example: 'Inner London' }) region!: string;
}

export class BoardPackDto {
  @ApiProperty({ type: PackLaDto }) la!: PackLaDto;
  @ApiProperty({ example: '2024-W10' }) week!: string;
  @ApiProperty({ example: '2024-03-04' }) weekStart!: string;
  @ApiProperty({ example: '2024-03-10' }) weekEnd!: string;
  @ApiProperty({ example: '2023-03-11', description: 'First day of the 12 months the headlines cover' }) from!: string;
  @ApiProperty({ example: '2024-03-10' }) to!: string;
  @ApiProperty({ description: 'ISO instant' }) preparedAt!: string;
  @ApiProperty({ type: [PackHeadlineDto] }) headlines!: PackHeadlineDto[];
  @ApiProperty({ type: Number, nullable: true }) comparatorYear!: number | null;
  @ApiProperty({ type: AtRiskSummaryDto }) atRisk!: AtRiskSummaryDto;
  @ApiProperty({ type: RevisionHistoryDto }) revisions!: RevisionHistoryDto;
  @ApiProperty() licence!: string;
}
