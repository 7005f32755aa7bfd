import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** retention.ms; the broker's default when absent. */
  retentionMs?: number;
}

/**
 * Creates the topics that do not exist yet (brokers run with auto-creation off). An existing
 * topic is left as it is: changing partitions would move customers between partitions.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    if (missing.length === 0) return;
    // Another process creating the same topics at the same time is fine: kafkajs reports
    // TOPIC_ALREADY_EXISTS as `false`, not as an error.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map(({ topic, partitions, replicationFactor, retentionMs }) => ({
        topic,
        numPartitions: partitions,
        replicationFactor,
        configEntries: retentionMs === undefined ? [] : [{ name: 'retention.ms', value: String(retentionMs) }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
