/**
 * Measures the generator: events per LA, generation rate with and without NDJSON serialisation, and peak memory.
 * Run after `npm run build`: node dist/libs/synthetic/scripts/measure.js [years=10] [las=1] [plans=4175]
 */
import { generateLa, toNdjson } from '#synthetic';

interface Measurement {
  readonly years: number;
  readonly las: number;
  readonly events: number;
  readonly eventsPerLa: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly ndjsonBytes: number;
  readonly peakRssMiB: number;
  readonly peakHeapUsedMiB: number;
}

function measure(years: number, las: number, plans: number, serialise: boolean): Measurement {
  let events = 0;
  let bytes = 0;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const started = performance.now();
  for (let i = 0; i < las; i++) {
    const stream = generateLa({ la: String(201 + i), seed: 1, years, plans });
    if (serialise) {
      for (const line of toNdjson(stream)) {
        bytes += line.length;
        if (++events % 20_000 === 0) sample();
      }
    } else {
      for (const _event of stream) if (++events % 20_000 === 0) sample();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  sample();
  return {
    years,
    las,
    events,
    eventsPerLa: Math.round(events / las),
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(events / seconds),
    ndjsonBytes: bytes,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    peakHeapUsedMiB: Math.round(peakHeap / 2 ** 20),
  };
}

const years = Number(process.argv[2] ?? 10);
const las = Number(process.argv[3] ?? 1);
const plans = Number(process.argv[4] ?? 4175);
process.stdout.write(`${JSON.stringify({ generate: measure(years, las, plans, false) })}\n`);
process.stdout.write(`${JSON.stringify({ generateAndSerialise: measure(years, las, plans, true) })}\n`);
