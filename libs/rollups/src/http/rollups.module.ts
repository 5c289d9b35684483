import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import { ensureTopics, KPI_ROLLUPS_WEEKLY_TOPIC, OutboxRelay, type MessagingLogger } from '#messaging';
import { ReadModelNotReadyError } from '#projections';
import { migrateRollups } from '../migrations/index.js';
import { RollupService } from '../rollup-service.js';
import { DEFAULT_ROLLUP_SCHEDULE, DEFAULT_SCHEDULE_TIME_ZONE, parseSchedule, type Schedule } from '../schedule.js';
import { RollupScheduler } from '../scheduler.js';
import { SqlOutboxStore } from '../sql-outbox-store.js';
import { RollupsAdminController, RollupsController } from './rollups.controller.js';
import { ROLLUPS_MODULE_OPTIONS, ROLLUPS_OUTBOX_STORE, type RollupsModuleOptions } from './tokens.js';

export interface RollupsModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: Array<InjectionToken | OptionalFactoryDependency>;
  readonly useFactory: (...args: never[]) => RollupsModuleOptions | Promise<RollupsModuleOptions>;
}

const nestLogger = new Logger('Rollups');
const defaultLogger: MessagingLogger = {
  log: (message, context) => nestLogger.log(`${message} ${JSON.stringify(context ?? {})}`),
  warn: (message, context) => nestLogger.warn(`${message} ${JSON.stringify(context ?? {})}`),
  error: (message, context) => nestLogger.error(`${message} ${JSON.stringify(context ?? {})}`),
};

/** Starts the schedule and the outbox relay with the application, and stops them before the data source closes. */
@Injectable()
class RollupsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private scheduler: RollupScheduler | undefined;
  private relay: OutboxRelay | undefined;
  private relayStarting: Promise<void> | undefined;
  private relayRetry: NodeJS.Timeout | undefined;
  private destroyed = false;
  private lastRun: { at: string; issued: number; unchanged: number; error?: string } | undefined;
  private readonly runs = { runsSucceeded: 0, runsFailed: 0 };

  constructor(
    @Inject(ROLLUPS_MODULE_OPTIONS) private readonly options: RollupsModuleOptions,
    @Inject(ROLLUPS_OUTBOX_STORE) private readonly outbox: SqlOutboxStore,
    private readonly rollups: RollupService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const logger = this.options.logger ?? defaultLogger;
    const schedule: Schedule = parseSchedule(
      this.options.schedule ?? DEFAULT_ROLLUP_SCHEDULE,
      this.options.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE,
    );
    if (this.options.scheduler ?? true) {
      this.scheduler = new RollupScheduler({
        schedule,
        ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
        ...(this.options.retryAfterFailureMs === undefined
          ? {}
          : { retryAfterFailureMs: this.options.retryAfterFailureMs }),
        run: async () => {
          const result = await this.rollups.publish();
          this.lastRun = { at: new Date().toISOString(), issued: result.issued.length, unchanged: result.unchanged };
          this.runs.runsSucceeded += 1;
          logger.log('weekly rollups published', { issued: result.issued.length, unchanged: result.unchanged });
        },
        onError: (error) => {
          const reason = error instanceof ReadModelNotReadyError ? 'read model not built yet' : errorName(error);
          this.lastRun = { at: new Date().toISOString(), issued: 0, unchanged: 0, error: reason };
          this.runs.runsFailed += 1;
          logger.error('weekly rollup run failed; retrying later', { error: reason });
        },
      });
      this.scheduler.start();
    }
    const publisher = this.options.publisher;
    if (publisher !== undefined && (this.options.relay ?? true)) {
      // The topic is made (compacted) before the relay starts; a broker that is down or refuses the credentials
      // delays only the relay (rollups wait in the outbox), never the service's start.
      const startRelay = async (): Promise<void> => {
        if (this.options.kafka !== undefined) {
          try {
            await ensureTopics(this.options.kafka, [
              {
                topic: this.options.topic ?? KPI_ROLLUPS_WEEKLY_TOPIC,
                numPartitions: 3,
                config: { 'cleanup.policy': 'compact' },
              },
            ]);
          } catch (error) {
            logger.error('rollup topic could not be checked; relay starts later', { error: errorName(error) });
            this.relayRetry = setTimeout(() => void startRelay(), RELAY_RETRY_MS);
            this.relayRetry.unref();
            return;
          }
        }
        if (this.destroyed) return;
        this.relay = new OutboxRelay({
          store: this.outbox,
          publisher,
          logger,
          idleMs: this.options.relayIdleMs ?? 1_000,
        });
        this.relay.start();
      };
      this.relayStarting = startRelay();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.relayStarting, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
      clearTimeout(timer);
    }
    this.options.registerHealth?.('rollups', async () => ({
      nextRunAt: this.scheduler?.nextRunAt()?.toISOString() ?? null,
      lastRun: this.lastRun ?? null,
      ...this.runs,
      relay: this.relay === undefined ? 'off' : 'running',
      outboxUnpublished: await this.outbox.unpublishedCount(),
    }));
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearTimeout(this.relayRetry);
    await this.relayStarting;
    await this.scheduler?.stop();
    await this.relay?.stop();
    if (this.relay !== undefined) await this.outbox.releaseLease().catch(() => undefined);
  }
}

const RELAY_RETRY_MS = 30_000;

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

/**
 * Weekly KPI rollups: computed on a schedule and on demand, stored with revisions, relayed to Kafka through the
 * outbox when a publisher is given, and served at `GET /api/v1/las/:la/rollups/weekly`
 * (`POST /api/v1/admin/rollups/publish` publishes now). Mount with `RollupsModule.forRootAsync({ inject, useFactory })`.
 */
@Module({})
export class RollupsModule {
  static forRootAsync(options: RollupsModuleAsyncOptions): DynamicModule {
    return {
      module: RollupsModule,
      imports: options.imports ?? [],
      controllers: [RollupsController, RollupsAdminController],
      providers: [
        {
          provide: ROLLUPS_MODULE_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]): Promise<RollupsModuleOptions> => {
            const resolved = await (
              options.useFactory as (...a: unknown[]) => RollupsModuleOptions | Promise<RollupsModuleOptions>
            )(...args);
            // Fail at start-up on a bad schedule rather than at the first run.
            parseSchedule(
              resolved.schedule ?? DEFAULT_ROLLUP_SCHEDULE,
              resolved.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE,
            );
            await migrateRollups(resolved.dataSource);
            return resolved;
          },
        },
        {
          provide: RollupService,
          inject: [ROLLUPS_MODULE_OPTIONS],
          useFactory: (o: RollupsModuleOptions): RollupService =>
            new RollupService(o.dataSource, {
              ...(o.weeks === undefined ? {} : { weeks: o.weeks }),
              ...(o.atRiskDays === undefined ? {} : { atRiskDays: o.atRiskDays }),
              ...(o.topic === undefined ? {} : { topic: o.topic }),
              ...(o.clock === undefined ? {} : { clock: o.clock }),
              ...(o.projectorLag === undefined ? {} : { projectorLag: o.projectorLag }),
              ...(o.maxLagSeconds === undefined ? {} : { maxLagSeconds: o.maxLagSeconds }),
              ...(o.settings === undefined ? {} : { settings: o.settings }),
            }),
        },
        {
          provide: ROLLUPS_OUTBOX_STORE,
          inject: [ROLLUPS_MODULE_OPTIONS],
          useFactory: (o: RollupsModuleOptions): SqlOutboxStore => new SqlOutboxStore(o.dataSource),
        },
        RollupsLifecycle,
      ],
      exports: [RollupService, ROLLUPS_OUTBOX_STORE],
    };
  }
}
