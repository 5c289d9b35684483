import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { generateLa, type GenerateLaOptions } from './generate-la.js';
import { toNdjson, writeNdjsonFile } from './ndjson.js';

const OPTIONS: Omit<GenerateLaOptions, 'la'> = { seed: 5, plans: 300, years: 2 };
const dir = mkdtempSync(join(tmpdir(), 'synthetic-ndjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('NDJSON', () => {
  it('writes one JSON event per line, each line ending in a newline', () => {
    const events = [...generateLa({ ...OPTIONS, la: '202' })].slice(0, 50);
    const lines = [...toNdjson(events)];
    expect(lines).toHaveLength(50);
    for (const [i, line] of lines.entries()) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      expect(JSON.parse(line)).toEqual(events[i]);
    }
  });

  it('streams an LA to a file whose content is the generator`s lines, and reports what it wrote', async () => {
    const path = join(dir, 'one.ndjson');
    const summary = await writeNdjsonFile(path, { ...OPTIONS, la: '202' });
    const content = readFileSync(path);
    const expected = [...toNdjson(generateLa({ ...OPTIONS, la: '202' }))].join('');
    expect(content.toString('utf8')).toBe(expected);
    expect(summary.events).toBe(expected.split('\n').length - 1);
    expect(summary.eventsByLa).toEqual({ '202': summary.events });
    expect(summary.bytes).toBe(content.length);
    expect(summary.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('writes several LAs one after another, and the same options give the same file', async () => {
    const first = await writeNdjsonFile(join(dir, 'a.ndjson'), { ...OPTIONS, las: ['202', '203'] });
    const second = await writeNdjsonFile(join(dir, 'b.ndjson'), { ...OPTIONS, las: ['202', '203'] });
    expect(second.sha256).toBe(first.sha256);
    expect(first.las).toEqual(['202', '203']);
    expect(first.eventsByLa['202']! + first.eventsByLa['203']!).toBe(first.events);
    const las = readFileSync(join(dir, 'a.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { la: string }).la);
    expect(las.indexOf('203')).toBe(first.eventsByLa['202']);
  }, 60_000);

  it('fails when the file cannot be written', async () => {
    await expect(writeNdjsonFile(join(dir, 'missing', 'x.ndjson'), { ...OPTIONS, la: '202' })).rejects.toThrow();
  });
});
