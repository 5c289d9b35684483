import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** What an import has done so far, tied to the file's content and the target it was sent to. */
export interface ImportProgress {
  readonly fileSha256: string;
  readonly target: string;
  /** Every line up to this one has been answered by the target. */
  readonly line: number;
}

/** The SHA-256 of a file's bytes, hex. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** The normalised target URL a progress file is tied to (no trailing slash). */
export function targetOf(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The line to resume from: the progress file's when it belongs to this file and this target, else 0 with the reason
 * the import starts over (for the operator to read).
 */
export function resumePoint(
  progressFile: string,
  fileSha256: string,
  target: string,
): { line: number; startOverBecause?: string } {
  if (!existsSync(progressFile)) return { line: 0 };
  let saved: Partial<ImportProgress>;
  try {
    saved = JSON.parse(readFileSync(progressFile, 'utf8')) as Partial<ImportProgress>;
  } catch {
    return { line: 0, startOverBecause: `${progressFile} is not a progress file of this version` };
  }
  if (typeof saved !== 'object' || saved === null || typeof saved.line !== 'number') {
    return { line: 0, startOverBecause: `${progressFile} is not a progress file of this version` };
  }
  if (saved.fileSha256 !== fileSha256) {
    return { line: 0, startOverBecause: `${progressFile} was written for a different file (its content changed)` };
  }
  if (saved.target !== target) {
    return { line: 0, startOverBecause: `${progressFile} was written for another target (${String(saved.target)})` };
  }
  return { line: Number.isInteger(saved.line) && saved.line >= 0 ? saved.line : 0 };
}

export function writeProgress(progressFile: string, progress: ImportProgress): void {
  writeFileSync(`${progressFile}.tmp`, `${JSON.stringify(progress)}\n`);
  renameSync(`${progressFile}.tmp`, progressFile);
}
