import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ComponentStates } from '../health/component-states.js';
import type { FactResult } from '../ingestion/record-facts.command.js';

/**
 * The service's Prometheus metrics, in a registry of its own (so that several applications in one process, as in
 * the tests, do not share counters). Gauges of other components read the background-refreshed component states.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'ehcp_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly factsRecorded = new Counter({
    name: 'ehcp_facts_recorded_total',
    help: 'Pathway facts answered, by outcome (accepted, duplicate, rejected) and rejection code',
    labelNames: ['outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly auditRecords = new Counter({
    name: 'ehcp_audit_records_total',
    help: 'Audit records written (reads of case-level data and changes of state), by HTTP status answered',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(states: ComponentStates) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ehcp_' });
    const detail = (component: string, key: string): number | undefined => {
      const value = states.get(component)?.details[key];
      const n = typeof value === 'string' || typeof value === 'number' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    };
    new Gauge({
      name: 'ehcp_projector_lag_positions',
      help: 'Event-store positions the case-clock projector is behind the head',
      registers: [this.registry],
      collect() {
        const value = detail('projections', 'positionsBehind');
        if (value !== undefined) this.set(value);
      },
    });
    new Gauge({
      name: 'ehcp_projector_lag_seconds',
      help: 'Age of the oldest event the case-clock projector has not yet folded',
      registers: [this.registry],
      collect() {
        const value = detail('projections', 'secondsBehind');
        if (value !== undefined) this.set(value);
      },
    });
    new Gauge({
      name: 'ehcp_kafka_consumer_lag_messages',
      help: 'Messages on the events topic not yet consumed (all partitions)',
      registers: [this.registry],
      collect() {
        const value = detail('kafkaIngestion', 'lag');
        if (value !== undefined) this.set(value);
      },
    });
    new Gauge({
      name: 'ehcp_kafka_consumer_partition_lag_messages',
      help: 'Messages on each partition of the events topic not yet consumed',
      labelNames: ['partition'] as const,
      registers: [this.registry],
      collect() {
        const lags = states.get('kafkaIngestion')?.details.lagByPartition;
        if (typeof lags !== 'object' || lags === null) return;
        for (const [partition, lag] of Object.entries(lags as Record<string, unknown>)) {
          if (typeof lag === 'number') this.set({ partition }, lag);
        }
      },
    });
    new Counter({
      name: 'ehcp_kafka_dead_letters_total',
      help: 'Kafka messages copied to the dead-letter topic since start',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(detail('kafkaIngestion', 'deadLettered') ?? 0);
      },
    });
    new Counter({
      name: 'ehcp_rollup_runs_total',
      help: 'Weekly rollup runs since start, by outcome',
      labelNames: ['outcome'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'succeeded' }, detail('rollups', 'runsSucceeded') ?? 0);
        this.inc({ outcome: 'failed' }, detail('rollups', 'runsFailed') ?? 0);
      },
    });
    new Gauge({
      name: 'ehcp_rollup_outbox_unpublished',
      help: 'Rollup messages in the outbox not yet published',
      registers: [this.registry],
      collect() {
        const value = detail('rollups', 'outboxUnpublished');
        if (value !== undefined) this.set(value);
      },
    });
  }

  /** Counts the answers to one batch of facts. */
  countFacts(results: readonly FactResult[]): void {
    for (const result of results) {
      this.factsRecorded.inc({ outcome: result.status, code: result.status === 'rejected' ? result.code : '' });
    }
  }
}
