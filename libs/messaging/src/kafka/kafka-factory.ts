import kafkajs from 'kafkajs';
import type { Kafka, LogEntry, logCreator } from 'kafkajs';
import { stderrLogger, type MessagingLogger } from '../logger.js';

const { Kafka: KafkaClient, logLevel: LogLevel } = kafkajs;

/** SASL credentials for the broker connection (SCRAM: the password never crosses the wire). */
export interface KafkaSaslOptions {
  readonly mechanism: 'scram-sha-512' | 'scram-sha-256';
  readonly username: string;
  readonly password: string;
}

/** TLS to the brokers, verified against the system's CAs, or against `ca` (PEM) for a private CA. */
export interface KafkaTlsOptions {
  readonly ca?: string;
}

export interface KafkaConnectionOptions {
  readonly brokers: readonly string[];
  readonly sasl?: KafkaSaslOptions;
  /** Undefined: plaintext. Certificates are always verified; there is no switch to turn that off. */
  readonly tls?: KafkaTlsOptions;
  readonly clientId?: string;
  readonly logger?: MessagingLogger;
  /** kafkajs's own log level; WARN by default (its DEBUG entries can carry request data). */
  readonly logLevel?: kafkajs.logLevel;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/**
 * A kafkajs client whose own log entries go to the messaging logger, reduced to positions and error names (so no
 * credential reaches a log).
 */
export function createKafka(options: KafkaConnectionOptions): Kafka {
  const logger = options.logger ?? stderrLogger;
  return new KafkaClient({
    clientId: options.clientId ?? 'ehcp-monitor',
    brokers: [...options.brokers],
    ...(options.tls === undefined
      ? {}
      : { ssl: options.tls.ca === undefined ? true : { ca: [options.tls.ca], rejectUnauthorized: true } }),
    ...(options.sasl === undefined
      ? {}
      : {
          sasl: toSasl(options.sasl),
        }),
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: options.logLevel ?? LogLevel.WARN,
    logCreator: routeTo(logger),
  });
}

function toSasl({ mechanism, username, password }: KafkaSaslOptions): kafkajs.SASLOptions {
  return mechanism === 'scram-sha-512'
    ? { mechanism, username, password }
    : { mechanism: 'scram-sha-256', username, password };
}

const SAFE_FIELDS = ['broker', 'clientId', 'groupId', 'memberId', 'topic', 'partition', 'offset', 'retryCount'];

function routeTo(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const context: Record<string, string | number | boolean | null | undefined> = { namespace };
      const fields = log as unknown as Record<string, unknown>;
      for (const field of SAFE_FIELDS) {
        const value = fields[field];
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          context[field] = value;
        }
      }
      if (typeof fields['error'] === 'string') context['error'] = fields['error'];
      const message = `kafkajs: ${log.message}`;
      if (level === LogLevel.ERROR || level === LogLevel.NOTHING) logger.error(message, context);
      else if (level === LogLevel.WARN) logger.warn(message, context);
      else logger.log(message, context);
    };
}
