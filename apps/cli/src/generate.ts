import { writeNdjsonFile } from '#synthetic';
import { UsageError, positiveInt, str, type CliValues } from './args.js';
import { publishedShape, shapedLas, type PublishedShape } from './published-shape.js';

/**
 * Writes one synthetic LA, or several with consecutive LA codes, to an NDJSON file. With `--like YEAR`, the LA
 * (`--la`, a real DfE code) follows its own published figures, with that year's rates, ending that December.
 */
export async function generateCommand(values: CliValues): Promise<void> {
  const out = str(values, 'out');
  if (!out) throw new UsageError('generate needs --out FILE');
  if (values['national'] === true) return generateNational(values, out);
  const la = str(values, 'la') ?? '900';
  if (!/^\d{3}$/.test(la)) throw new UsageError('--la must be a three-digit LA code');
  const las = positiveInt(str(values, 'las') ?? '1', 'las');
  const seed = positiveInt(str(values, 'seed') ?? '1', 'seed');
  const years = positiveInt(str(values, 'years') ?? '5', 'years');
  const like = str(values, 'like');
  if (like !== undefined && !/^\d{4}$/.test(like)) throw new UsageError('--like must be a calendar year, e.g. 2024');
  if (like !== undefined && las !== 1) throw new UsageError('--like shapes one LA: leave out --las');
  const shaped: PublishedShape | undefined = like === undefined ? undefined : publishedShape(la, Number(like));
  const plans = str(values, 'plans') === undefined ? shaped?.plans : positiveInt(str(values, 'plans'), 'plans');
  const endDate = str(values, 'end') ?? (like === undefined ? undefined : `${like}-12-31`);
  if (endDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) throw new UsageError('--end must be YYYY-MM-DD');
  if (Number(la) + las - 1 > 999) throw new UsageError('--la plus --las must stay within three digits');
  const summary = await writeNdjsonFile(out, {
    las: Array.from({ length: las }, (_, i) => String(Number(la) + i).padStart(3, '0')),
    seed,
    years,
    ...(plans === undefined ? {} : { plans }),
    ...(endDate === undefined ? {} : { endDate }),
    ...(shaped === undefined ? {} : { shape: shaped.shape }),
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/**
 * `generate --national --out FILE [--like 2024] [--years 5] [--seed 1]`: every LA with published figures for the
 * year, each shaped like itself (its volumes, rates, caseload and placement mix), one after another into one NDJSON
 * file. Streamed: memory holds one LA's open cases. Progress goes to stderr, the summary to stdout.
 */
async function generateNational(values: CliValues, out: string): Promise<void> {
  if (str(values, 'la') !== undefined || str(values, 'las') !== undefined || str(values, 'plans') !== undefined) {
    throw new UsageError('--national generates every LA, each with its own caseload: leave out --la, --las, --plans');
  }
  const like = Number(str(values, 'like') ?? '2024');
  if (!Number.isInteger(like)) throw new UsageError('--like must be a calendar year, e.g. 2024');
  const seed = positiveInt(str(values, 'seed') ?? '1', 'seed');
  const years = positiveInt(str(values, 'years') ?? '5', 'years');
  const { shapes, skipped } = shapedLas(like);
  const codes = [...shapes.keys()];
  const started = performance.now();
  let done = 0;
  const summary = await writeNdjsonFile(out, {
    las: codes,
    seed,
    years,
    endDate: `${like}-12-31`,
    perLa: (la) => {
      const shaped = shapes.get(la) as PublishedShape;
      return { shape: shaped.shape, plans: shaped.plans };
    },
    onLa: (la, events) => {
      done += 1;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  ${done}/${codes.length} LAs (${la}: ${events} facts) in ${seconds.toFixed(0)} s\n`);
    },
  });
  const { eventsByLa, ...totals } = summary;
  process.stdout.write(
    `${JSON.stringify({ ...totals, las: codes.length, skipped, largestLa: largest(eventsByLa) })}\n`,
  );
}

function largest(eventsByLa: Readonly<Record<string, number>>): { la: string; events: number } | null {
  let best: { la: string; events: number } | null = null;
  for (const [la, events] of Object.entries(eventsByLa))
    if (best === null || events > best.events) best = { la, events };
  return best;
}
