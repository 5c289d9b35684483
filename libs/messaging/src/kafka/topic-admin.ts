import type { Admin, Kafka } from 'kafkajs';
import type { ConsumerLag } from '../ingestion.js';
import { computeLag } from '../lag.js';
import type { TopicDefinition } from '../topics.js';

/** Creates the topics that do not exist yet; returns the names it created. */
export async function ensureTopics(
  kafka: Kafka,
  definitions: readonly TopicDefinition[],
  replicationFactor = 1,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = definitions.filter((definition) => !existing.has(definition.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((definition) => ({
        topic: definition.topic,
        numPartitions: definition.numPartitions,
        replicationFactor,
        configEntries: Object.entries(definition.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((definition) => definition.topic);
  } finally {
    await admin.disconnect();
  }
}

/** The group's lag on a topic, from the topic's high watermarks and the group's committed offsets. */
export async function readConsumerLag(admin: Admin, topic: string, groupId: string): Promise<ConsumerLag> {
  const [watermarks, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const partitions = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
  return computeLag(topic, groupId, watermarks, partitions);
}
