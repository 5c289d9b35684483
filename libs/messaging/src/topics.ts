/** The Kafka topics the service reads and writes; the version suffix changes only with an incompatible payload. */
export const PATHWAY_EVENTS_TOPIC = 'ehcp.pathway-events.v1';
export const PATHWAY_EVENTS_DEAD_LETTER_TOPIC = 'ehcp.pathway-events.dlq.v1';
/**
 * Weekly rollups, keyed `<la>:<week>`. The payload names its shape in `schemaVersion` (2: every figure has a `unit`,
 * rates a `fraction`, the counting `settings` are named and the weekly DfE 2024 appeal rate is null); the changes
 * from version 1 add fields and keep the old ones, so the topic keeps its name (README, "The weekly rollup payload").
 */
export const KPI_ROLLUPS_WEEKLY_TOPIC = 'ehcp.kpi-rollups.weekly.v1';

export interface TopicDefinition {
  readonly topic: string;
  readonly numPartitions: number;
  /** Topic-level settings, e.g. `cleanup.policy=compact` for a topic that keeps the latest value per key. */
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * How the service's topics are created when it creates them itself. Pathway events are keyed by case, so
 * partitions preserve each case's order while spreading cases over consumers; rollups are keyed `<la>:<week>`
 * and compacted so the topic always holds the latest revision of every week.
 */
export const SERVICE_TOPICS: readonly TopicDefinition[] = [
  { topic: PATHWAY_EVENTS_TOPIC, numPartitions: 6 },
  { topic: PATHWAY_EVENTS_DEAD_LETTER_TOPIC, numPartitions: 1 },
  { topic: KPI_ROLLUPS_WEEKLY_TOPIC, numPartitions: 3, config: { 'cleanup.policy': 'compact' } },
];
