import { createReadStream, existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ProgressBar } from './progress.js';

export interface ImportOptions {
  readonly file: string;
  /** The service's base URL, e.g. http://localhost:3000. */
  readonly url: string;
  readonly batchSize: number;
  /** Where progress is kept between runs; default `<file>.progress`. */
  readonly progressFile?: string;
  readonly concurrency?: number;
  readonly quiet?: boolean;
}

export interface ImportSummary {
  readonly lines: number;
  readonly skipped: number;
  readonly accepted: number;
  readonly duplicate: number;
  readonly rejected: number;
  readonly rejectionsByCode: Record<string, number>;
  readonly seconds: number;
}

interface FactAnswer {
  status: 'accepted' | 'duplicate' | 'rejected';
  code?: string;
}

/**
 * Imports an NDJSON file of pathway facts through the service's ingestion API, in batches grouped by LA.
 * Resumable: the number of lines fully answered is kept in a progress file, and a restarted run skips them.
 * Idempotent: facts are keyed by eventId, so lines sent twice (a crash between sending and recording progress)
 * are answered "duplicate" and stored once.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const progressFile = options.progressFile ?? `${options.file}.progress`;
  const resumeFrom = readProgress(progressFile);
  const totalLines = options.quiet ? undefined : await countLines(options.file);
  const bar = options.quiet ? undefined : new ProgressBar('import', totalLines);
  const started = Date.now();
  const summary = { lines: 0, skipped: resumeFrom, accepted: 0, duplicate: 0, rejected: 0 };
  const rejectionsByCode: Record<string, number> = {};
  const concurrency = options.concurrency ?? 4;

  // Batches are sent with bounded concurrency but progress only advances over a fully answered prefix.
  const inFlight = new Map<number, Promise<void>>();
  const answered = new Set<number>();
  let nextBatchNo = 0;
  let committedBatchNo = 0;
  const batchEndLine = new Map<number, number>();

  const send = async (la: string, facts: unknown[], batchNo: number): Promise<void> => {
    const answers = await postWithRetry(`${options.url}/api/v1/las/${la}/events`, facts);
    for (const answer of answers) {
      summary[answer.status]++;
      if (answer.status === 'rejected')
        rejectionsByCode[answer.code ?? 'unknown'] = (rejectionsByCode[answer.code ?? 'unknown'] ?? 0) + 1;
    }
    answered.add(batchNo);
    while (answered.has(committedBatchNo)) {
      answered.delete(committedBatchNo);
      writeProgress(progressFile, batchEndLine.get(committedBatchNo)!);
      batchEndLine.delete(committedBatchNo);
      committedBatchNo++;
    }
  };

  const flush = async (la: string, facts: unknown[], endLine: number): Promise<void> => {
    const batchNo = nextBatchNo++;
    batchEndLine.set(batchNo, endLine);
    const promise = send(la, facts, batchNo).finally(() => inFlight.delete(batchNo));
    inFlight.set(batchNo, promise);
    if (inFlight.size >= concurrency) await Promise.race(inFlight.values());
  };

  let lineNo = 0;
  let batch: unknown[] = [];
  let batchLa: string | undefined;
  const lines = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (lineNo <= resumeFrom || line.trim() === '') continue;
    let fact: unknown;
    try {
      fact = JSON.parse(line);
    } catch {
      throw new Error(
        `${options.file}:${lineNo} is not valid JSON; fix the line and run the import again (it resumes)`,
      );
    }
    const la = typeof fact === 'object' && fact !== null && 'la' in fact ? String(fact.la) : '';
    if (!/^\d{3}$/.test(la)) throw new Error(`${options.file}:${lineNo} has no three-digit "la"`);
    if (batchLa !== undefined && (la !== batchLa || batch.length >= options.batchSize)) {
      await flush(batchLa, batch, lineNo - 1);
      batch = [];
    }
    batchLa = la;
    batch.push(fact);
    summary.lines++;
    bar?.update(lineNo);
  }
  if (batchLa !== undefined && batch.length > 0) await flush(batchLa, batch, lineNo);
  await Promise.all(inFlight.values());
  bar?.finish(lineNo);
  return { ...summary, rejectionsByCode, seconds: (Date.now() - started) / 1000 };
}

async function postWithRetry(url: string, facts: unknown[]): Promise<FactAnswer[]> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(facts),
      });
    } catch (error) {
      if (attempt >= 5) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`cannot reach ${url}: ${reason}`, { cause: error });
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

function readProgress(file: string): number {
  if (!existsSync(file)) return 0;
  const value = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

function writeProgress(file: string, line: number): void {
  writeFileSync(`${file}.tmp`, `${line}\n`);
  renameSync(`${file}.tmp`, file);
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}
