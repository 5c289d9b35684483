/**
 * KPI definitions over the case clocks' fact rows: pure functions that answer live and as-of alike, the service
 * that feeds them, and the HTTP controllers for the query API.
 */
export * from './periods.js';
export * from './breakdowns.js';
export { HEADLINES, comparatorOf, type Comparator, type Headline, type PublishedMeasures } from './headlines.js';
export * from './figures.js';
export { sixWeekDecisions, SIX_WEEK_MEASURES } from './measures/six-week-decisions.js';
export { noPlanNotices, NO_PLAN_MEASURES } from './measures/no-plan-notices.js';
export {
  twentyWeekTimeliness,
  draftPlanBreaches,
  TWENTY_WEEK_MEASURES,
  DRAFT_BREACH_MEASURES,
} from './measures/twenty-week-timeliness.js';
export { annualReviews, annualReviewMeasures } from './measures/annual-reviews.js';
export { tribunal, januaryCensusDate, TRIBUNAL_MEASURES, type TribunalReport } from './measures/tribunal.js';
export { caseload, caseloadMeasures, heldOn, CLOCK_WEEK_BANDS } from './measures/caseload.js';
export { placements, placementMeasures, placementOn } from './measures/placements.js';
export {
  atRisk,
  type AtRiskItem,
  type AtRiskReport,
  type AtRiskFilters,
  type WorklistItem,
} from './measures/at-risk.js';
export {
  KpiService,
  KPI_NAMES,
  londonDate,
  type KpiName,
  type CaseClockAnswer,
  type KpiQuery,
  type KpiServiceOptions,
} from './kpi-service.js';
export { KpisModule, type KpisModuleAsyncOptions } from './http/kpis.module.js';
export { AnswerCache } from './answer-cache.js';
export { KPIS_MODULE_OPTIONS, type KpisModuleOptions } from './http/tokens.js';
export { KpisController } from './http/kpis.controller.js';
export { CasesController } from './http/cases.controller.js';
export { parseKpiQuery, parseAtRiskQuery } from './http/query-params.js';
export * from './http/exports/index.js';
export { KPI_DEFINITIONS, TRIBUNAL_ORDER_DEFINITIONS, type MeasureDefinition } from './definitions.js';
export { kpiOpenApiSchemas } from './http/kpi-openapi.js';
