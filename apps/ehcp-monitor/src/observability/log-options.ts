import type { DestinationStream, LoggerOptions } from 'pino';
import type { LogLevel } from '../config/config.js';

const PINO_LEVEL = { error: 'error', warn: 'warn', log: 'info' } as const satisfies Record<LogLevel, string>;

/**
 * Field names whose values never reach the log: request and event payloads, query strings, case ids and
 * credentials. The request log writes only chosen fields; this is the net under every other line.
 */
const REDACTED_KEYS = ['body', 'payload', 'data', 'query', 'caseId', 'case_id', 'authorization', 'cookie'];

export const REDACT_PATHS = [
  ...REDACTED_KEYS,
  ...REDACTED_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** pino's options: JSON lines at LOG_LEVEL, redacted; pretty output only when a terminal is attached. */
export function pinoOptions(level: LogLevel, destination: DestinationStream | undefined): LoggerOptions {
  const pretty = destination === undefined && process.stdout.isTTY === true;
  return {
    level: PINO_LEVEL[level],
    base: { service: 'ehcp-monitor' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}
