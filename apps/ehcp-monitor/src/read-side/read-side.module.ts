import type { DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { EventStore } from '#event-store';
import { KpisModule } from '#kpis';
import { CASE_CLOCKS_RUNNER, ProjectionsModule, READ_MODEL_DATA_SOURCE, type ProjectionRunner } from '#projections';
import type { KafkaPublisher } from '#messaging';
import { RollupsModule } from '#rollups';
import type { DataSource } from 'typeorm';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { BoardPackModule } from '../board-pack/board-pack.module.js';
import { HealthRegistry } from '../health/health.registry.js';
import { KAFKA, KAFKA_PUBLISHER } from '../kafka/kafka.module.js';
import { DATABASE, type Database } from '../storage/storage.module.js';
import { EVENT_STORE } from '../storage/tokens.js';

/**
 * The read side: the projector's host (ProjectionsModule: read-model data source, case-clock runner, rebuild routes),
 * the KPI API (KpisModule) and the weekly rollups (RollupsModule), both over the projections module's data source, and the weekly board pack over both.
 * Roles: `projector` runs the projector, `rollups` the schedule and the outbox relay.
 */
export const ReadSideModule = {
  imports(): DynamicModule[] {
    const projections = ProjectionsModule.forRootAsync({
      inject: [SERVICE_CONFIG, DATABASE, EVENT_STORE, HealthRegistry],
      useFactory: (config: ServiceConfig, database: Database, eventStore: EventStore, health: HealthRegistry) => ({
        connectionString: database.connectionString,
        embedded: database.embedded,
        eventStore,
        // The PostgreSQL event store is opened on the same database (see the storage module).
        storeInSameDatabase: config.eventStore === 'postgres',
        settings: config.calendar,
        projector: config.roles.has('projector'),
        registerHealth: (name, check) => health.register(name, check),
      }),
    });
    const kpis = KpisModule.forRootAsync({
      imports: [projections],
      inject: [SERVICE_CONFIG],
      useFactory: (config: ServiceConfig) => ({ settings: config.calendar }),
    });
    const rollups = RollupsModule.forRootAsync({
      imports: [projections],
      inject: [READ_MODEL_DATA_SOURCE, CASE_CLOCKS_RUNNER, KAFKA, KAFKA_PUBLISHER, SERVICE_CONFIG, HealthRegistry],
      useFactory: (
        dataSource: DataSource,
        runner: ProjectionRunner,
        kafka: Kafka | undefined,
        publisher: KafkaPublisher | undefined,
        config: ServiceConfig,
        health: HealthRegistry,
      ) => ({
        dataSource,
        ...(publisher ? { publisher } : {}),
        ...(kafka ? { kafka } : {}),
        schedule: config.rollupSchedule,
        settings: config.calendar,
        scheduler: config.roles.has('rollups'),
        relay: config.roles.has('rollups'),
        projectorLag: () => runner.lag(),
        registerHealth: (name, check) => health.register(name, check),
      }),
    });
    return [projections, kpis, rollups, BoardPackModule.over([kpis, rollups])];
  },
};
