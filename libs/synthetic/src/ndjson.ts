import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { PathwayEvent } from '#pathway';
import { generateLa, type GenerateLaOptions } from './generate-la.js';

/** Each event as one NDJSON line, newline included, so the lines joined are the file. */
export function* toNdjson(events: Iterable<PathwayEvent>): Generator<string, void, undefined> {
  for (const event of events) yield `${JSON.stringify(event)}\n`;
}

/** One LA (`la`) or several, one after another (`las`), with the same other options, or each LA's own (`perLa`:
 * a shape and caseload of its own, so that every LA of England is shaped like itself). */
export type WriteNdjsonOptions = Omit<GenerateLaOptions, 'la'> & {
  readonly perLa?: (la: string) => Pick<GenerateLaOptions, 'shape' | 'plans'>;
  /** Called after each LA with its code and how many events it gave. */
  readonly onLa?: (la: string, events: number) => void;
} & ({ readonly la: string; readonly las?: undefined } | { readonly las: readonly string[]; readonly la?: undefined });

export interface NdjsonFileSummary {
  readonly path: string;
  readonly las: readonly string[];
  readonly events: number;
  readonly eventsByLa: Readonly<Record<string, number>>;
  readonly bytes: number;
  /** SHA-256 of the file's content: equal files from equal options. */
  readonly sha256: string;
  readonly seconds: number;
}

const CHUNK_BYTES = 1 << 20;

/** Generates synthetic LAs straight to an NDJSON file, in chunks, waiting whenever the disk falls behind. */
export async function writeNdjsonFile(path: string, options: WriteNdjsonOptions): Promise<NdjsonFileSummary> {
  const started = performance.now();
  const las = options.las ?? [options.la];
  if (las.length === 0) throw new RangeError('no LA to generate');
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const hash = createHash('sha256');
  const eventsByLa: Record<string, number> = {};
  let events = 0;
  let bytes = 0;
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const buffer = Buffer.from(chunk, 'utf8');
    chunk = '';
    hash.update(buffer);
    bytes += buffer.length;
    if (!out.write(buffer)) await Promise.race([once(out, 'drain'), failed]);
  };
  const { perLa, onLa, ...shared } = options;
  for (const la of las) {
    let count = 0;
    // One LA at a time: memory holds one LA's open cases, never the whole set.
    for (const line of toNdjson(generateLa({ ...shared, ...perLa?.(la), la }))) {
      chunk += line;
      count++;
      if (chunk.length >= CHUNK_BYTES) await flush();
    }
    eventsByLa[la] = count;
    events += count;
    onLa?.(la, count);
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return {
    path,
    las,
    events,
    eventsByLa,
    bytes,
    sha256: hash.digest('hex'),
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
