import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { writeNdjsonFile } from '#synthetic';
import { importFile } from '../../apps/cli/src/import-file.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** The CLI's import goes through the ingestion API: idempotent, order-preserving per case and resumable. */
describe('importing a synthetic LA file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ehcp-import-'));
  const file = join(dir, 'la.ndjson');
  let expectedEvents = 0;
  let distinctIds = 0;

  beforeAll(async () => {
    const summary = await writeNdjsonFile(file, { la: '202', seed: 7, years: 2, plans: 150 });
    expectedEvents = summary.events;
    distinctIds = new Set(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { eventId: string }).eventId),
    ).size;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function storedCount(t: TestApp & { database?: { url: string } }): Promise<number> {
    const client = new pg.Client({ connectionString: t.database!.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('select count(*) as n from event_store.events');
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  }

  describe('run twice', () => {
    let t: TestApp & { database?: { url: string } };
    beforeAll(async () => {
      t = await startTestApp();
    }, 60_000);
    afterAll(async () => t?.close());

    it('stores every fact once, rejects none, and answers the second run with duplicates only', async () => {
      const url = await t.listen();
      const first = await importFile({
        file,
        url,
        batchSize: 200,
        concurrency: 4,
        quiet: true,
        token: t.defaultToken,
        progressFile: join(dir, 'a'),
      });
      expect(first.lines).toBe(expectedEvents);
      expect(first.rejected).toBe(0);
      expect(first.accepted).toBe(distinctIds);
      expect(first.duplicate).toBe(expectedEvents - distinctIds);
      expect(await storedCount(t)).toBe(distinctIds);

      const second = await importFile({
        file,
        url,
        batchSize: 200,
        concurrency: 4,
        quiet: true,
        token: t.defaultToken,
        progressFile: join(dir, 'b'),
      });
      expect(second.accepted).toBe(0);
      expect(second.duplicate).toBe(expectedEvents);
      expect(await storedCount(t)).toBe(distinctIds);
    }, 300_000);
  });

  describe('killed half-way and restarted', () => {
    let t: TestApp & { database?: { url: string } };
    beforeAll(async () => {
      t = await startTestApp();
    }, 60_000);
    afterAll(async () => t?.close());

    it('resumes from its progress file and completes with every fact stored once', async () => {
      const url = await t.listen();
      const progressFile = join(dir, 'killed.progress');
      const abort = new AbortController();
      const watcher = setInterval(() => {
        if (existsSync(progressFile) && Number(readFileSync(progressFile, 'utf8')) > expectedEvents / 3) abort.abort();
      }, 20);
      await expect(
        importFile({
          file,
          url,
          batchSize: 100,
          concurrency: 4,
          quiet: true,
          progressFile,
          signal: abort.signal,
          token: t.defaultToken,
        }),
      ).rejects.toThrow();
      clearInterval(watcher);
      const resumedFrom = Number(readFileSync(progressFile, 'utf8'));
      expect(resumedFrom).toBeGreaterThan(0);
      expect(resumedFrom).toBeLessThan(expectedEvents);

      const rest = await importFile({
        file,
        url,
        batchSize: 100,
        concurrency: 4,
        quiet: true,
        progressFile,
        token: t.defaultToken,
      });
      expect(rest.skipped).toBe(resumedFrom);
      expect(rest.rejected).toBe(0);
      expect(Number(readFileSync(progressFile, 'utf8'))).toBe(expectedEvents);
      expect(await storedCount(t)).toBe(distinctIds);
    }, 300_000);
  });
});
