import { publishedBenchmarks } from '#benchmarks';
import { generateLa, LA_CODES, type GenerateLaOptions } from '#synthetic';

/** One request body of pathway facts for one LA, serialised before the clock starts. */
export interface FactBatch {
  readonly la: string;
  readonly body: string;
  readonly count: number;
  /** The eventId of the batch's last fact (to follow it into the projection). */
  readonly lastEventId: string;
}

/**
 * Synthetic facts of the given LAs, one after another in the order a feed sends them, cut into batches of
 * `batchSize` (a batch never spans two LAs), at most `maxEvents` in all.
 */
export function factBatches(
  las: readonly string[],
  options: Omit<GenerateLaOptions, 'la'>,
  batchSize: number,
  maxEvents: number,
): FactBatch[] {
  const batches: FactBatch[] = [];
  let total = 0;
  for (const la of las) {
    let current: string[] = [];
    let lastEventId = '';
    const flush = (): void => {
      if (current.length === 0) return;
      batches.push({ la, body: `[${current.join(',')}]`, count: current.length, lastEventId });
      current = [];
    };
    for (const event of generateLa({ ...options, la })) {
      if (total >= maxEvents) break;
      current.push(JSON.stringify(event));
      lastEventId = event.eventId;
      total += 1;
      if (current.length >= batchSize) flush();
    }
    flush();
    if (total >= maxEvents) break;
  }
  return batches;
}

export interface FactAnswerCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
  failedRequests: number;
}

export function emptyCounts(): FactAnswerCounts {
  return { accepted: 0, duplicate: 0, rejected: 0, failedRequests: 0 };
}

/** Adds one ingestion answer (a JSON array of per-fact outcomes) to the counts. */
export function countAnswer(counts: FactAnswerCounts, status: number, body: string): void {
  if (status !== 200) {
    counts.failedRequests += 1;
    return;
  }
  const outcomes = JSON.parse(body) as Array<{ status: keyof FactAnswerCounts }>;
  for (const outcome of outcomes) {
    if (outcome.status === 'accepted' || outcome.status === 'duplicate' || outcome.status === 'rejected') {
      counts[outcome.status] += 1;
    }
  }
}

/**
 * Distinct real DfE LA codes for runs that need fresh facts (the service answers 404 for a code it does not know):
 * `count` of them from the published LA directory in code order, starting at the `first`-th.
 */
export function benchLaCodes(count: number, first = 0): string[] {
  // The bench's tokens hold LA_CODES: codes outside it would be answered 403.
  const granted = new Set(LA_CODES);
  const codes = publishedBenchmarks()
    .las()
    .map((la) => la.code)
    .filter((code) => granted.has(code))
    .sort();
  if (first + count > codes.length) throw new RangeError(`only ${codes.length} LA codes are published`);
  return codes.slice(first, first + count);
}

/**
 * Batches of several LAs interleaved (one from each in turn), so that concurrent clients taking them in order post
 * for different LAs, as separate case systems would, rather than racing on the same cases.
 */
export function interleavedBatches(
  las: readonly string[],
  options: Omit<GenerateLaOptions, 'la'>,
  batchSize: number,
  maxEvents: number,
): FactBatch[] {
  const perLa = las.map((la) => factBatches([la], options, batchSize, Math.ceil(maxEvents / las.length)));
  const longest = Math.max(0, ...perLa.map((b) => b.length));
  const batches: FactBatch[] = [];
  for (let i = 0; i < longest; i++) {
    for (const list of perLa) {
      const batch = list[i];
      if (batch !== undefined) batches.push(batch);
    }
  }
  return batches;
}
