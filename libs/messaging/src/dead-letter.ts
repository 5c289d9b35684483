/** The headers that tell a dead-lettered message's story: why it was refused and where it came from. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-dlq-reason',
  code: 'x-dlq-code',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  deadLetteredAt: 'x-dlq-at',
} as const;

/** On a dead letter sent without the original payload (too large to copy): why, and the original's size in bytes. */
export const DEAD_LETTER_PAYLOAD_HEADERS = {
  omitted: 'x-dlq-payload-omitted',
  size: 'x-original-size',
} as const;

export interface DeadLetter {
  readonly code: string;
  readonly reason: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

const MAX_REASON_LENGTH = 1_000;

/** The original headers, with the dead-letter headers set over them. */
export function deadLetterHeaders(
  letter: DeadLetter,
  at: Date,
  originalHeaders: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const reason =
    letter.reason.length > MAX_REASON_LENGTH ? `${letter.reason.slice(0, MAX_REASON_LENGTH - 1)}…` : letter.reason;
  return {
    ...originalHeaders,
    [DEAD_LETTER_HEADERS.reason]: reason,
    [DEAD_LETTER_HEADERS.code]: letter.code,
    [DEAD_LETTER_HEADERS.originalTopic]: letter.topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(letter.partition),
    [DEAD_LETTER_HEADERS.originalOffset]: letter.offset,
    [DEAD_LETTER_HEADERS.deadLetteredAt]: at.toISOString(),
  };
}

/** Reads the dead-letter headers back (for replay tools); undefined when a required one is missing. */
export function readDeadLetter(headers: Readonly<Record<string, string | undefined>>): DeadLetter | undefined {
  const code = headers[DEAD_LETTER_HEADERS.code];
  const reason = headers[DEAD_LETTER_HEADERS.reason];
  const topic = headers[DEAD_LETTER_HEADERS.originalTopic];
  const partition = headers[DEAD_LETTER_HEADERS.originalPartition];
  const offset = headers[DEAD_LETTER_HEADERS.originalOffset];
  if (code === undefined || reason === undefined || topic === undefined) return undefined;
  if (partition === undefined || offset === undefined || !/^\d+$/.test(partition) || !/^\d+$/.test(offset)) {
    return undefined;
  }
  return { code, reason, topic, partition: Number(partition), offset };
}
