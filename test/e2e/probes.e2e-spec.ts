import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CASE_CLOCKS_RUNNER, type ProjectionRunner } from '#projections';
import { ComponentStates } from '../../apps/ehcp-monitor/src/health/component-states.js';
import { HealthRegistry } from '../../apps/ehcp-monitor/src/health/health.registry.js';
import { fact, startTestApp } from './support/test-app.js';

describe('probes', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
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

  it("stays ready while a rebuild runs and the projector's tables are locked by a long transaction", async () => {
    const posted = await t.inject(
      'POST',
      '/api/v1/las/202/events',
      Array.from({ length: 40 }, (_, n) =>
        fact(`READY-${n}`, 'AssessmentRequested', '2024-03-04', { requestSource: 'school' }),
      ),
    );
    expect(posted.status).toBe(200);
    const runner = t.app.get<ProjectionRunner>(CASE_CLOCKS_RUNNER);
    while (!runner.progress.snapshot().started) await new Promise((resolve) => setTimeout(resolve, 50));

    // What an import or a rebuild's swap does to the lag query: the projector's bookkeeping is locked.
    const blocker = new pg.Client({ connectionString: t.database!.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE projection_generations IN ACCESS EXCLUSIVE MODE');
    const states = t.app.get(ComponentStates);
    try {
      await states.refresh();
      expect(states.get('projections')).toMatchObject({ up: true });
      expect(await t.inject('GET', '/health/ready')).toMatchObject({ status: 200, json: { status: 'ok' } });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await t.inject('POST', '/api/v1/admin/projections/case-clocks/rebuild')).status).toBe(202);
    for (;;) {
      expect(await t.inject('GET', '/health/ready')).toMatchObject({ status: 200 });
      const rebuild = await t.inject('GET', '/api/v1/admin/projections/case-clocks/rebuild');
      if (rebuild.json.state !== 'running') {
        expect(rebuild.json.state).toBe('done');
        break;
      }
      await states.refresh();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  it('answers from the cache: fast under load, and 503 once a component is down', async () => {
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, () => t.inject('GET', '/health/ready')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);

    t.app.get(HealthRegistry).register('postgres', () => Promise.reject(new Error('connection refused')));
    await t.app.get(ComponentStates).refresh();
    const down = await t.inject('GET', '/health/ready');
    expect(down.status).toBe(503);
    // The public reason names the component and says no more (no host, no error text).
    expect(down.json).toEqual({ status: 'unavailable', reasons: { postgres: 'down' } });
    expect((await t.inject('GET', '/health/live')).status).toBe(200);
  });
});
