/** The messaging port for output: keyed messages on a topic, delivered at least once. */
export type MessageHeaders = Readonly<Record<string, string>>;

export interface KeyedMessage {
  readonly key: string;
  /** null is a tombstone: on a compacted topic it removes the key. */
  readonly value: string | Buffer | null;
  readonly headers?: MessageHeaders;
}

export interface MessagePublisher {
  /** Resolves once the broker has acknowledged the message on all in-sync replicas. */
  publish(topic: string, key: string, value: string | Buffer | null, headers?: MessageHeaders): Promise<void>;
  /** One request for many messages, kept in order; resolves once every one is acknowledged. */
  publishBatch(topic: string, messages: readonly KeyedMessage[]): Promise<void>;
}
