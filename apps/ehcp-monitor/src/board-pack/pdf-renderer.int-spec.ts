import { execFileSync } from 'node:child_process';
import { describe, expect, it, jest } from '@jest/globals';
import { ChromiumUnavailableError, PdfRenderer, RendererBusyError, RenderTimeoutError } from './pdf-renderer.js';

jest.setTimeout(120_000);

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HTML = '<!doctype html><html lang="en"><head><title>t</title></head><body><h1>Board pack</h1></body></html>';

/** The Chromium processes this test process started (its children), so that none is left behind. */
function childBrowsers(): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /chrom/i.test(line));
  } catch {
    return []; // ps exits 1 when there are no children
  }
}

describe('PDF rendering in headless Chromium', () => {
  const renderer = (settings: Partial<ConstructorParameters<typeof PdfRenderer>[0]> = {}) =>
    new PdfRenderer({ executablePath: CHROMIUM, concurrency: 1, queueLimit: 4, timeoutMs: 30_000, ...settings });

  it('prints HTML to a PDF and leaves no browser behind', async () => {
    const pdf = await renderer().render(HTML);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
    expect(childBrowsers()).toEqual([]);
  });

  it('renders one at a time with concurrency 1 and refuses what overflows the queue', async () => {
    const bounded = renderer({ queueLimit: 1 });
    const results = await Promise.allSettled([bounded.render(HTML), bounded.render(HTML), bounded.render(HTML)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(RendererBusyError);
    expect(childBrowsers()).toEqual([]);
    // The slots were all given back: the next render starts at once.
    await expect(bounded.render(HTML)).resolves.toBeInstanceOf(Buffer);
  });

  it('gives up after the timeout and closes the browser it launched', async () => {
    const hurried = renderer({ timeoutMs: 150 });
    await expect(hurried.render(HTML)).rejects.toBeInstanceOf(RenderTimeoutError);
    // A launch still under way when the time ran out is closed as soon as it returns.
    for (const until = Date.now() + 15_000; Date.now() < until && childBrowsers().length > 0;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(childBrowsers()).toEqual([]);
  });

  it('says Chromium is not installed when the path holds none', async () => {
    await expect(renderer({ executablePath: '/nonexistent/chromium' }).render(HTML)).rejects.toBeInstanceOf(
      ChromiumUnavailableError,
    );
  });
});
