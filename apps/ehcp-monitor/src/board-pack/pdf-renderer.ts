import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

export interface PdfRendererSettings {
  /** The Chromium (or Chrome) executable. */
  readonly executablePath: string;
  /** Most renders at once; each is one browser process. */
  readonly concurrency: number;
  /** Most renders waiting for a turn before the next is refused. */
  readonly queueLimit: number;
  /** Longest a render may take, launch to last byte, before its browser is closed and it fails. */
  readonly timeoutMs: number;
}

/** No Chromium at the configured path: the service answers 501. */
export class ChromiumUnavailableError extends Error {
  constructor(
    readonly executablePath: string,
    reason = `no Chromium at ${executablePath}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`,
  ) {
    super(reason);
    this.name = 'ChromiumUnavailableError';
  }
}

/** Every render slot and waiting place is taken: the service answers 503 with Retry-After. */
export class RendererBusyError extends Error {
  constructor() {
    super('too many PDFs are being rendered; try again shortly');
    this.name = 'RendererBusyError';
  }
}

export class RenderTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the PDF was not rendered within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'RenderTimeoutError';
  }
}

/** Chromium's flags: headless, no sandbox (it runs as the service's user in a container), nothing phoned home. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Prints self-contained HTML to PDF in headless Chromium (playwright-core). Each render launches its own browser
 * with a fresh profile (Playwright gives every launch a new user-data-dir and removes it on close), sets the
 * document with `page.setContent` (so the browser never calls the service, nor needs a token), refuses every
 * network request, runs no script, and closes the browser whatever happens: renders are bounded by `concurrency`,
 * a waiting queue and a timeout, and never leave a process behind.
 */
export class PdfRenderer {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly open = new Set<Browser>();

  constructor(private readonly settings: PdfRendererSettings) {}

  /** Renders now, or after the renders ahead of it. */
  async render(html: string): Promise<Buffer> {
    // The turn is taken first, in the order renders are asked for; a check of Chromium before it would finish in
    // any order, and a later request could take the turn of an earlier one.
    await this.turn();
    try {
      await this.ensureInstalled();
      return await this.withTimeout(html);
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /** Closes any browser still open (on shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.open].map((browser) => browser.close()));
  }

  private async ensureInstalled(): Promise<void> {
    try {
      await access(this.settings.executablePath, constants.X_OK);
    } catch {
      throw new ChromiumUnavailableError(this.settings.executablePath);
    }
  }

  private async turn(): Promise<void> {
    if (this.running < this.settings.concurrency) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.settings.queueLimit) throw new RendererBusyError();
    // The slot is handed over by the render that finishes: `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private async withTimeout(html: string): Promise<Buffer> {
    const render = { browser: undefined as Browser | undefined, abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(this.settings.timeoutMs)), this.settings.timeoutMs);
    });
    const work = this.print(html, render);
    try {
      return await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(timer);
      render.abandoned = true;
      // Whether it printed, failed or timed out, its browser is closed now, or as soon as a late launch returns.
      await this.closeBrowser(render.browser);
      void work.catch(() => undefined).finally(() => this.closeBrowser(render.browser));
    }
  }

  private async print(html: string, render: { browser: Browser | undefined; abandoned: boolean }): Promise<Buffer> {
    const { chromium } = await import('playwright-core').catch(() => {
      throw new ChromiumUnavailableError(this.settings.executablePath, 'playwright-core is not installed');
    });
    const browser = await chromium.launch({
      executablePath: this.settings.executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: this.settings.timeoutMs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    render.browser = browser;
    this.open.add(browser);
    if (render.abandoned) throw new RenderTimeoutError(this.settings.timeoutMs);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: this.settings.timeoutMs });
    return await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  }

  private async closeBrowser(browser: Browser | undefined): Promise<void> {
    if (browser === undefined || !this.open.has(browser)) return;
    this.open.delete(browser);
    await browser.close().catch(() => undefined);
  }
}
