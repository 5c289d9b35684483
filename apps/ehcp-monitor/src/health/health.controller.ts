import { Access } from '#http';
import { Controller, Get, Inject, OnModuleInit } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type pg from 'pg';
import { pendingEventStoreMigrations, type EventStore } from '#event-store';
import { EVENT_STORE, PG_POOL } from '../storage/tokens.js';
import { HealthRegistry } from './health.registry.js';

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleInit {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly registry: HealthRegistry,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.registry.register('postgres', async () => {
      await this.pool.query('select 1');
      return {};
    });
    this.registry.register('migrations', async () => {
      const pending = await pendingEventStoreMigrations(this.pool);
      if (pending.length > 0) throw new Error(`event store migrations not applied: ${pending.join(', ')}`);
      return {};
    });
    this.registry.register('eventStore', async () => ({ headPosition: (await this.store.headPosition()).toString() }));
  }

  @Access({ roles: ['admin'], la: 'none' })
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: PostgreSQL, the event store, projection and consumer lag' })
  check(): Promise<HealthCheckResult> {
    return this.health.check(
      this.registry.entries().map(([name, check]) => async () => {
        const session = this.indicators.check(name);
        try {
          return session.up(await withTimeout(check(), 3000));
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
