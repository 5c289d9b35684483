import type { DataSource } from 'typeorm';
import type { CalendarSettings } from '#calendar';
import type { Kafka } from 'kafkajs';
import type { MessagePublisher, MessagingLogger } from '#messaging';

/** What the rollups module needs from the service that mounts it. */
export interface RollupsModuleOptions {
  /**
   * The read side's TypeORM data source (ProjectionsModule's READ_MODEL_DATA_SOURCE): rollups read the case clocks and
   * keep their tables and outbox in the same database. Initialised here if it is not yet.
   */
  readonly dataSource: DataSource;
  /** The Kafka publisher; undefined when Kafka is off (the outbox keeps the records, HTTP serves the rollups). */
  readonly publisher?: MessagePublisher;
  /** A Kafka client, to create the compacted rollup topic when it does not exist. */
  readonly kafka?: Kafka;
  /** Five-field cron in `timeZone` (default `0 6 * * 1`: Monday 06:00). */
  readonly schedule?: string;
  /** Default Europe/London. */
  readonly timeZone?: string;
  /** Publish on the schedule in this process (the `rollups` role). Default true. */
  readonly scheduler?: boolean;
  /** Relay the outbox to Kafka in this process, when a publisher is given. Default true. */
  readonly relay?: boolean;
  /** Complete weeks each run recomputes (default 13). */
  readonly weeks?: number;
  /** At-risk horizon after the Sunday (default 14 days). */
  readonly atRiskDays?: number;
  /** Default ehcp.kpi-rollups.weekly.v1. */
  readonly topic?: string;
  /** The case clocks' lag (ProjectionsModule's CASE_CLOCKS_RUNNER `lag()`): a run waits while it exceeds maxLagSeconds. */
  readonly projectorLag?: () => Promise<{ readonly secondsBehind: number }>;
  /** Default 60 s. */
  readonly maxLagSeconds?: number;
  /** The counting settings the case clocks run under, named in each rollup. */
  readonly settings?: CalendarSettings;
  /** After a failed scheduled run, retry this much later (default 5 minutes). */
  readonly retryAfterFailureMs?: number;
  /** Wait between outbox polls when it is empty (default 1,000 ms). */
  readonly relayIdleMs?: number;
  /** Registers a /health check; `rollups` reports the next run and the outbox backlog. */
  readonly registerHealth?: (name: string, check: () => Promise<Record<string, unknown>>) => void;
  readonly logger?: MessagingLogger;
  readonly clock?: () => Date;
}

export const ROLLUPS_MODULE_OPTIONS = Symbol('ROLLUPS_MODULE_OPTIONS');
/** The SqlOutboxStore over the module's data source. */
export const ROLLUPS_OUTBOX_STORE = Symbol('ROLLUPS_OUTBOX_STORE');
