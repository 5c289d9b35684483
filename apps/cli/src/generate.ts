import { writeNdjsonFile } from '#synthetic';
import { UsageError, positiveInt, str, type CliValues } from './args.js';

/** Writes one synthetic LA, or several with consecutive LA codes, to an NDJSON file. */
export async function generateCommand(values: CliValues): Promise<void> {
  const out = str(values, 'out');
  if (!out) throw new UsageError('generate needs --out FILE');
  const la = str(values, 'la') ?? '900';
  if (!/^\d{3}$/.test(la)) throw new UsageError('--la must be a three-digit LA code');
  const las = positiveInt(str(values, 'las') ?? '1', 'las');
  const seed = positiveInt(str(values, 'seed') ?? '1', 'seed');
  const years = positiveInt(str(values, 'years') ?? '5', 'years');
  const plans = str(values, 'plans') === undefined ? undefined : positiveInt(str(values, 'plans'), 'plans');
  const endDate = str(values, 'end');
  if (endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new UsageError('--end must be YYYY-MM-DD');
  if (Number(la) + las - 1 > 999) throw new UsageError('--la plus --las must stay within three digits');
  const summary = await writeNdjsonFile(out, {
    las: Array.from({ length: las }, (_, i) => String(Number(la) + i).padStart(3, '0')),
    seed,
    years,
    ...(plans === undefined ? {} : { plans }),
    ...(endDate === undefined ? {} : { endDate }),
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
