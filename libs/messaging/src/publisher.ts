/** The messaging port for output: a keyed message on a topic, delivered at least once. */
export type MessageHeaders = Readonly<Record<string, string>>;

export interface MessagePublisher {
  /** Resolves once the broker has acknowledged the message on all in-sync replicas. */
  publish(topic: string, key: string, value: string | Buffer | null, headers?: MessageHeaders): Promise<void>;
}
