import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComponentStates } from '../../apps/ehcp-monitor/src/health/component-states.js';
import { HealthRegistry } from '../../apps/ehcp-monitor/src/health/health.registry.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(ComponentStates).refresh();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers liveness with a bare status', async () => {
    const live = await t.inject('GET', '/health/live');
    expect(live).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('is ready once the database, migrations and projector answer, with no detail in the body', async () => {
    const ready = await t.inject('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ok' });
  });

  it('answers from the cache: fast under load, and 503 once a component is down', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, () => t.inject('GET', '/health/ready')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    t.app.get(HealthRegistry).register('postgres', () => Promise.reject(new Error('connection refused')));
    await t.app.get(ComponentStates).refresh();
    const down = await t.inject('GET', '/health/ready');
    expect(down.status).toBe(503);
    expect(down.json).toEqual({ status: 'unavailable' });
    expect((await t.inject('GET', '/health/live')).status).toBe(200);
  });
});
