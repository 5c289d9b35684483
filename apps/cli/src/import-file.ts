import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileSha256, resumePoint, targetOf, writeProgress } from './import-progress.js';
import { ProgressBar } from './progress.js';
import { checkTarget, TargetUnreachableError } from './target-check.js';

export interface ImportOptions {
  readonly file: string;
  /** The service's base URL, e.g. http://localhost:3000. */
  readonly url: string;
  readonly batchSize: number;
  /** The bearer access token sent with every batch (a case-system token for the file's LAs). */
  readonly token: string;
  /** Where progress is kept between runs; default `<file>.progress`. */
  readonly progressFile?: string;
  readonly concurrency?: number;
  readonly quiet?: boolean;
  /** Stops the import as a crash would: in-flight requests are abandoned, progress keeps what was answered. */
  readonly signal?: AbortSignal;
  /** Where notices go (a progress file that does not fit and is ignored); default stderr. */
  readonly notice?: (message: string) => void;
}

export interface ImportSummary {
  readonly lines: number;
  readonly skipped: number;
  /** Why a progress file was ignored and the import started from the first line, when it was. */
  readonly startedOverBecause?: string;
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly rejectionsByCode: Record<string, number>;
  readonly seconds: number;
}

interface FactAnswer {
  status: 'accepted' | 'duplicate' | 'rejected' | 'conflict';
  code?: string;
}

/**
 * Imports an NDJSON file of pathway facts through the service's ingestion API, in batches.
 * Order: each case's facts are sent in file order. Cases are spread over `concurrency` lanes by a hash of the LA and
 * case; a lane sends its batches one after another, so a correction never overtakes the fact it corrects.
 * Resumable: the number of lines fully answered (every line up to it) is kept in a progress file together with the
 * file's SHA-256 and the target URL, and a restarted run against the same file and target skips them; another file
 * or target starts over and says so. A target that does not answer fails the import before any line. Idempotent: facts are keyed by eventId, so lines sent again after a crash are answered "duplicate".
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const progressFile = options.progressFile ?? `${options.file}.progress`;
  const target = targetOf(options.url);
  await checkTarget(target);
  const sha256 = await fileSha256(options.file);
  const resume = resumePoint(progressFile, sha256, target);
  if (resume.startOverBecause !== undefined) {
    (options.notice ?? ((m: string) => process.stderr.write(`${m}\n`)))(
      `${resume.startOverBecause}; starting over from the first line`,
    );
  }
  const resumeFrom = resume.line;
  const totalLines = options.quiet ? undefined : await countLines(options.file);
  const bar = options.quiet ? undefined : new ProgressBar('import', totalLines);
  const started = Date.now();
  const summary = { lines: 0, skipped: resumeFrom, accepted: 0, duplicate: 0, rejected: 0 };
  const rejectionsByCode: Record<string, number> = {};
  const concurrency = options.concurrency ?? 4;

  interface Batch {
    readonly la: string;
    readonly facts: unknown[];
    readonly firstLine: number;
  }
  const lanes = Array.from({ length: concurrency }, () => ({
    buffer: undefined as Batch | undefined,
    tail: Promise.resolve(),
    queued: 0,
  }));
  // First line of every batch not yet answered (buffered or in flight): progress is everything before the least.
  const open = new Map<Batch, number>();
  let lineNo = resumeFrom;
  let failure: unknown;

  const recordProgress = (): void => {
    let least = Infinity;
    for (const firstLine of open.values()) least = Math.min(least, firstLine);
    writeProgress(progressFile, { fileSha256: sha256, target, line: least === Infinity ? lineNo : least - 1 });
  };

  const send = (lane: (typeof lanes)[number], batch: Batch): void => {
    lane.queued++;
    lane.tail = lane.tail.then(async () => {
      if (failure !== undefined) return;
      try {
        const answers = await postWithRetry(
          `${target}/api/v1/las/${batch.la}/events`,
          batch.facts,
          options.token,
          options.signal,
        );
        for (const answer of answers) {
          // A conflict (the eventId is recorded with other content) is counted as rejected, by its code.
          const status = answer.status === 'conflict' ? 'rejected' : answer.status;
          summary[status]++;
          if (status === 'rejected') {
            const code = answer.code ?? answer.status;
            rejectionsByCode[code] = (rejectionsByCode[code] ?? 0) + 1;
          }
        }
        open.delete(batch);
        recordProgress();
      } catch (error) {
        failure ??= error;
      } finally {
        lane.queued--;
      }
    });
  };

  const lines = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
  let seen = 0;
  for await (const line of lines) {
    seen++;
    if (seen <= resumeFrom || line.trim() === '') continue;
    lineNo = seen;
    if (options.signal?.aborted) failure ??= new Error('import aborted');
    if (failure !== undefined) break;
    let fact: unknown;
    try {
      fact = JSON.parse(line);
    } catch (error) {
      throw new Error(
        `${options.file}:${lineNo} is not valid JSON; fix the line and run the import again (it resumes)`,
        {
          cause: error,
        },
      );
    }
    const record = typeof fact === 'object' && fact !== null ? (fact as Record<string, unknown>) : {};
    const la = typeof record.la === 'string' ? record.la : '';
    if (!/^\d{3}$/.test(la)) throw new Error(`${options.file}:${lineNo} has no three-digit "la"`);
    const lane = lanes[laneOf(`${la}/${String(record.caseId)}`, concurrency)]!;
    if (lane.buffer !== undefined && (lane.buffer.la !== la || lane.buffer.facts.length >= options.batchSize)) {
      send(lane, lane.buffer);
      lane.buffer = undefined;
      // Back-pressure: at most two batches waiting per lane.
      if (lane.queued > 2) await lane.tail;
    }
    if (lane.buffer === undefined) {
      lane.buffer = { la, facts: [], firstLine: lineNo };
      open.set(lane.buffer, lineNo);
    }
    lane.buffer.facts.push(fact);
    summary.lines++;
    bar?.update(lineNo);
  }
  for (const lane of lanes) {
    if (lane.buffer !== undefined && failure === undefined) send(lane, lane.buffer);
    lane.buffer = undefined;
  }
  await Promise.all(lanes.map((lane) => lane.tail));
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('import failed', { cause: failure });
  recordProgress();
  bar?.finish(lineNo);
  return {
    ...summary,
    ...(resume.startOverBecause === undefined ? {} : { startedOverBecause: resume.startOverBecause }),
    rejectionsByCode,
    seconds: (Date.now() - started) / 1000,
  };
}

/** A stable lane for a case (FNV-1a). */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}

async function postWithRetry(
  url: string,
  facts: unknown[],
  token: string,
  signal?: AbortSignal,
): Promise<FactAnswer[]> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(facts),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted || attempt >= 5) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new TargetUnreachableError(url, reason);
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      continue;
    }
    if (response.status >= 500 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
      continue;
    }
    const body: unknown = await response.json();
    if (!response.ok) {
      throw new Error(`the service refused a batch (${response.status}): ${JSON.stringify(body).slice(0, 2000)}`);
    }
    return body as FactAnswer[];
  }
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}
