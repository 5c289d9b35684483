import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { writeNdjsonFile } from '#synthetic';
import { runCli } from '../../apps/cli/src/cli.js';
import { importFile } from '../../apps/cli/src/import-file.js';
import { TargetUnreachableError } from '../../apps/cli/src/target-check.js';
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

  function progressLine(progressFile: string): number {
    try {
      return (JSON.parse(readFileSync(progressFile, 'utf8')) as { line: number }).line;
    } catch {
      return 0; // read while being replaced
    }
  }

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
        if (existsSync(progressFile) && progressLine(progressFile) > expectedEvents / 3) abort.abort();
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
      const resumedFrom = progressLine(progressFile);
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
      expect(progressLine(progressFile)).toBe(expectedEvents);
      expect(await storedCount(t)).toBe(distinctIds);
    }, 300_000);
  });

  describe('progress tied to the file and the target', () => {
    let a: TestApp & { database?: { url: string } };
    let b: TestApp & { database?: { url: string } };
    beforeAll(async () => {
      a = await startTestApp();
      b = await startTestApp();
    }, 120_000);
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });

    it('starts over, and says so, for another target or a changed file', async () => {
      const [urlA, urlB] = [await a.listen(), await b.listen()];
      const progressFile = join(dir, 'tied.progress');
      const notices: string[] = [];
      const options = {
        batchSize: 500,
        concurrency: 4,
        quiet: true,
        progressFile,
        notice: (m: string) => notices.push(m),
      };

      const first = await importFile({ ...options, file, url: urlA, token: a.defaultToken });
      expect(first.skipped).toBe(0);
      expect(JSON.parse(readFileSync(progressFile, 'utf8'))).toMatchObject({ target: urlA, line: expectedEvents });

      const again = await importFile({ ...options, file, url: `${urlA}/`, token: a.defaultToken });
      expect(again).toMatchObject({ skipped: expectedEvents, lines: 0 });
      expect(notices).toEqual([]);

      const other = await importFile({ ...options, file, url: urlB, token: b.defaultToken });
      expect(other).toMatchObject({ skipped: 0, lines: expectedEvents, accepted: distinctIds });
      expect(other.startedOverBecause).toMatch(/another target/);
      expect(notices.at(-1)).toMatch(/another target .*starting over/);
      expect(await storedCount(b)).toBe(distinctIds);

      const changed = join(dir, 'changed.ndjson');
      copyFileSync(file, changed);
      appendFileSync(changed, '\n');
      const edited = await importFile({ ...options, file: changed, url: urlB, token: b.defaultToken });
      expect(edited.skipped).toBe(0);
      expect(edited.startedOverBecause).toMatch(/different file/);
    }, 300_000);
  });

  describe('a target that does not answer', () => {
    it('is an error before any line is sent, with exit code 3 from the CLI', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer();
        server.listen(0, '127.0.0.1', () => {
          const address = server.address();
          server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      });
      const url = `http://127.0.0.1:${port}`;
      const progressFile = join(dir, 'nothing.progress');
      await expect(
        importFile({ file, url, batchSize: 100, quiet: true, progressFile, token: 'unused' }),
      ).rejects.toThrow(TargetUnreachableError);
      expect(existsSync(progressFile)).toBe(false);

      const err: string[] = [];
      const code = await runCli(['import', '--file', file, '--url', url], { out: () => {}, err: (t) => err.push(t) });
      expect(code).toBe(3);
      expect(err.join('')).toMatch(/cannot reach the service/);
    });
  });

  describe('--help and --version', () => {
    it('answers both on every subcommand, with exit code 0', async () => {
      for (const command of ['generate', 'import', 'rebuild', 'publish-rollups']) {
        const out: string[] = [];
        const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
        expect(await runCli([command, '--help'], io)).toBe(0);
        expect(out.join('')).toContain(`ehcp-monitor ${command}`);
        expect(out.join('')).toContain('Exit codes');
        out.length = 0;
        expect(await runCli([command, '--version'], io)).toBe(0);
        expect(out.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
      }
      const err: string[] = [];
      expect(await runCli(['import', '--bogus'], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
      expect(await runCli(['nonsense'], { out: () => {}, err: (t) => err.push(t) })).toBe(2);
    });
  });
});
