import { createReadStream, createWriteStream, chmodSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { streamNameFor, toStoredShape, type PathwayEvent } from '#pathway';

/** Columns of `event_store.events` that a COPY fills (the rest take their defaults, as an append does). */
export const COPY_COLUMNS = 'stream_name, stream_version, event_id, type, data, metadata';
/**
 * The same with each event's global position given (1, 2, 3...: positions below any an append takes), for a COPY of
 * more events than one transaction may number itself (2^20).
 */
export const COPY_COLUMNS_WITH_POSITION = `global_position, ${COPY_COLUMNS}`;

function csvField(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

/** One event as the CSV row an append would have stored, given its version in its stream. */
export function copyRow(event: PathwayEvent, streamVersion: number): string {
  const stored = toStoredShape(event);
  return [
    csvField(streamNameFor(event.la, event.caseId)),
    String(streamVersion),
    stored.eventId,
    csvField(stored.type),
    csvField(JSON.stringify(stored.data)),
    csvField(JSON.stringify(stored.metadata)),
  ].join(',');
}

/**
 * Numbers each event within its case stream and leaves out repeated eventIds (the store keeps one), as the store
 * would. Keys are kept per LA, so memory stays bounded when the LAs of a national file come one after another.
 */
export class CopyRows {
  /** With `positions`, each row starts with its global position, in the order the rows are made. */
  constructor(private readonly options: { readonly positions?: boolean } = {}) {}

  private la: string | undefined;
  private versions = new Map<string, number>();
  private seen = new Set<string>();
  rows = 0;

  /** The CSV row for the event, or undefined for a repeated eventId. */
  rowFor(event: PathwayEvent): string | undefined {
    if (event.la !== this.la) {
      this.la = event.la;
      this.versions = new Map();
      this.seen = new Set();
    }
    if (this.seen.has(event.eventId)) return undefined;
    this.seen.add(event.eventId);
    const version = (this.versions.get(event.caseId) ?? -1) + 1;
    this.versions.set(event.caseId, version);
    this.rows += 1;
    const row = copyRow(event, version);
    return this.options.positions === true ? `${this.rows},${row}` : row;
  }
}

/** A stream that writes lines in 1 MiB chunks and waits when the disk falls behind. */
export class ChunkedWriter {
  private readonly out;
  private chunk: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { mode: 0o644 });
  }

  async line(text: string): Promise<void> {
    this.chunk.push(text);
    this.size += text.length + 1;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const data = `${this.chunk.join('\n')}\n`;
    this.chunk = [];
    this.size = 0;
    if (!this.out.write(data)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    // The PostgreSQL server (another user) reads the file for COPY FROM.
    chmodSync(this.path, 0o644);
  }
}

/** Converts an NDJSON file of facts to the CSV a server-side COPY reads; returns the number of rows. */
export async function ndjsonToCopyCsv(ndjson: string, csv: string): Promise<number> {
  const rows = new CopyRows();
  const writer = new ChunkedWriter(csv);
  const lines = createInterface({ input: createReadStream(ndjson), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const row = rows.rowFor(JSON.parse(line) as PathwayEvent);
    if (row !== undefined) await writer.line(row);
  }
  await writer.close();
  return rows.rows;
}
