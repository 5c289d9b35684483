import type { CalendarSettings } from '#calendar';

/** What the KPI module needs from the service that mounts it (the read models come from ProjectionsModule). */
export interface KpisModuleOptions {
  /** countFrom, reviewDue, nextReviewFrom: the same settings the projections module folds with. */
  readonly settings?: CalendarSettings;
  /** Live answers kept in memory (default 256; 0 turns the cache off). */
  readonly answerCacheSize?: number;
}

export const KPIS_MODULE_OPTIONS = Symbol('KPIS_MODULE_OPTIONS');
