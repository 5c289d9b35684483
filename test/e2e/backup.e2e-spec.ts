import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { runCli } from '../../apps/cli/src/cli.js';
import { fact, startTestApp, tempDataDir, type TestApp } from './support/test-app.js';

jest.setTimeout(240_000);

/** A backup of the embedded data folder, restored into a new folder, gives the same facts and figures. */
describe('backup and restore of the embedded data folder', () => {
  const original = tempDataDir();
  const restored = tempDataDir();
  const files = tempDataDir();
  let apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const dir of [original, restored, files]) dir.remove();
  });

  const kpi = '/api/v1/las/202/kpis/six-week-decisions?from=2024-01-01&to=2024-12-31&groupBy=year&includeCases=true';
  async function figures(t: TestApp): Promise<unknown> {
    for (const deadline = Date.now() + 60_000; ;) {
      const answer = await t.inject('GET', kpi);
      if (JSON.stringify(answer.json).includes('BK-2') || Date.now() > deadline) return answer.json.total;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('restores every fact and figure', async () => {
    const t = await startTestApp({ embeddedDataDir: original.dir });
    apps.push(t);
    const posted = await t.inject('POST', '/api/v1/las/202/events', [
      fact('BK-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' }),
      fact('BK-1', 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
      fact('BK-2', 'AssessmentRequested', '2024-03-04', { requestSource: 'school', primaryNeed: 'SEMH' }),
      fact('BK-2', 'AssessmentDecisionMade', '2024-05-20', { decision: 'refuse' }),
    ]);
    expect(posted.status).toBe(200);
    const before = await figures(t);
    const history = (await t.inject('GET', '/api/v1/las/202/cases/BK-1/events')).json;

    const base = await t.listen();
    const archive = join(files.dir, 'backup.tar.gz');
    const io = { out: () => {}, err: (text: string) => process.stderr.write(text) };
    expect(await runCli(['backup', '--out', archive, '--url', base, '--token', t.defaultToken], io)).toBe(0);
    expect(existsSync(archive)).toBe(true);
    await t.close();
    apps = [];

    // A restore never overwrites a folder in use.
    expect(await runCli(['restore', '--file', archive, '--data-dir', original.dir], io)).toBe(1);
    const target = join(restored.dir, 'data');
    expect(await runCli(['restore', '--file', archive, '--data-dir', target], io)).toBe(0);
    const again = await startTestApp({ embeddedDataDir: target });
    apps.push(again);
    expect(await figures(again)).toEqual(before);
    expect((await again.inject('GET', '/api/v1/las/202/cases/BK-1/events')).json.events).toEqual(history.events);
  });

  it('answers 501 on a PostgreSQL server, where pg_dump is the tool', async () => {
    const t = await startTestApp();
    apps.push(t);
    const answer = await t.inject('POST', '/api/v1/admin/backup');
    expect(answer.status).toBe(501);
    expect(answer.json.detail).toMatch(/pg_dump/);
  });
});
