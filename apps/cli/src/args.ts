/** A mistake in the command line: the usage is printed with it. */
export class UsageError extends Error {}

export function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive whole number`);
  return n;
}

export type CliValues = Record<string, string | boolean | undefined>;

export function str(values: CliValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}
