import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComponentStates } from '../../apps/ehcp-monitor/src/health/component-states.js';
import { ProbePort } from '../../apps/ehcp-monitor/src/health/probe-port.js';
import { SERVICE_CONFIG, type ServiceConfig } from '../../apps/ehcp-monitor/src/config/config.js';
import { eventually } from './support/eventually.js';
import { startTestApp, type TestApp } from './support/test-app.js';

async function get(url: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url);
  return { status: response.status, json: await response.json() };
}

/** Another process asks `url` after `delayMs` (this thread may be blocked meanwhile) and answers what it got. */
function askLater(url: string, delayMs: number): Promise<{ status: number; json: unknown }> {
  const script =
    `setTimeout(async () => { const r = await fetch(${JSON.stringify(url)}); ` +
    `process.stdout.write(JSON.stringify({ status: r.status, json: await r.json() })); }, ${delayMs});`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', script], { timeout: 30_000 }, (error, stdout) =>
      error
        ? reject(new Error(`the probing process failed: ${error.message}`))
        : resolve(JSON.parse(stdout) as { status: number; json: unknown }),
    ),
  );
}

describe('the probe port (PROBE_PORT)', () => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { PROBE_PORT: '0' } });
    await t.app.get(ComponentStates).refresh();
    base = `http://127.0.0.1:${await t.app.get(ProbePort).port()}`;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers the probes as the main port does, and nothing else', async () => {
    expect(
      await eventually(
        () => get(`${base}/health/ready`),
        (a) => a.status === 200,
      ),
    ).toEqual({
      status: 200,
      json: { status: 'ok' },
    });
    expect(await get(`${base}/health/live`)).toEqual({ status: 200, json: { status: 'ok' } });
    expect((await get(`${base}/api/v1/las`)).status).toBe(404);
    expect((await fetch(`${base}/health/ready`, { method: 'POST' })).status).toBe(405);
  });

  it('answers while the main thread is blocked, and says so once it has been silent too long', async () => {
    const config = t.app.get<ServiceConfig>(SERVICE_CONFIG);
    const probe = new ProbePort({ ...config, probePort: 0 }, t.app.get(ComponentStates));
    probe.staleMs = 1_000;
    probe.onApplicationBootstrap();
    try {
      const url = `http://127.0.0.1:${await probe.port()}/health/ready`;
      expect(
        (
          await eventually(
            () => get(url),
            (a) => a.status === 200,
          )
        ).status,
      ).toBe(200);
      const asked = askLater(url, 2_000);
      // The main thread does nothing for 4 s: no request of the main port could be answered meanwhile.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4_000);
      const answer = await asked;
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({
        status: 'unavailable',
        reasons: { mainThread: expect.stringMatching(/^busy for \d+ s$/) },
      });
      // Once the main thread posts again, the probe is ready again.
      expect(
        (
          await eventually(
            () => get(url),
            (a) => a.status === 200,
          )
        ).status,
      ).toBe(200);
    } finally {
      await probe.onApplicationShutdown();
    }
  }, 60_000);
});
