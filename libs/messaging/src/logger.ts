/**
 * What the messaging adapters report. Context carries positions (topic, partition, offset), codes and counts,
 * never a payload: envelopes hold case facts.
 */
export type LogContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface MessagingLogger {
  log(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

/** Warnings and errors as JSON lines on stderr; routine progress is dropped. */
export const stderrLogger: MessagingLogger = {
  log: () => undefined,
  warn: (message, context) => writeLine('warn', message, context),
  error: (message, context) => writeLine('error', message, context),
};

export const silentLogger: MessagingLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function writeLine(level: string, message: string, context: LogContext | undefined): void {
  process.stderr.write(`${JSON.stringify({ level, logger: 'messaging', message, ...context })}\n`);
}
