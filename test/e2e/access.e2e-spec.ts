import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

jest.setTimeout(180_000);

type Role = 'case-system' | 'manager' | 'board' | 'admin';
const ROLES: readonly Role[] = ['case-system', 'manager', 'board', 'admin'];

/**
 * The access matrix, written out independently of the code: every operation in the OpenAPI document must be here,
 * so a new route cannot be added without saying who may call it. `public` routes answer without a token.
 */
const MATRIX: Record<string, readonly Role[] | 'public'> = {
  'POST /api/v1/las/{la}/events': ['case-system'],
  'GET /api/v1/las/{la}/cases/{caseId}/events': ['manager'],
  'GET /api/v1/las/{la}/cases/{caseId}/clock': ['manager'],
  'GET /api/v1/las/{la}/at-risk': ['manager'],
  'GET /api/v1/las/{la}/kpis/six-week-decisions': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/no-plan-notices': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/twenty-week-timeliness': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/draft-plan-breaches': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/annual-reviews': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/tribunal': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/caseload': ['manager', 'board'],
  'GET /api/v1/las/{la}/kpis/placements': ['manager', 'board'],
  'GET /api/v1/las/{la}/rollups/weekly': ['manager', 'board'],
  'POST /api/v1/admin/rollups/publish': ['admin'],
  'POST /api/v1/admin/projections/{projection}/rebuild': ['admin'],
  'GET /api/v1/admin/projections/{projection}/rebuild': ['admin'],
  'POST /api/v1/admin/las/{la}/cases/{caseId}/erase': ['admin'],
  'GET /api/v1/admin/audit': ['admin'],
  'POST /api/v1/admin/backup': ['admin'],
  'GET /health': ['admin'],
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': ['admin'],
  'GET /api/v1/auth/config': 'public',
  'GET /api/v1/las': ['case-system', 'manager', 'board', 'admin'],
  'GET /api/v1/las/{la}/benchmarks': ['manager', 'board'],
  // The published contract is public, like /api/docs: it describes the API and holds no one's data.
  'GET /api/v1/schemas/events/{file}': 'public',
  'GET /api/asyncapi.json': 'public',
  'GET /api/v1/rejection-codes': 'public',
  'GET /api/v1/las/{la}/board-pack/{week}': ['manager', 'board'],
  'GET /api/v1/las/{la}/board-pack/{week}.pdf': ['manager', 'board'],
};

const EXAMPLES: Record<string, string> = {
  la: '202',
  caseId: 'ACL-1',
  projection: 'case-clocks',
  file: 'AssessmentRequested.json',
  week: '2024-W10',
};

describe('access control over every route of the OpenAPI document', () => {
  let t: TestApp & { database?: { url: string } };
  let operations: Array<{ method: 'GET' | 'POST'; path: string; key: string }>;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    // No browser is started here: where a PDF route is allowed it answers 501 (the renderer has its own tests).
    t = await startTestApp({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    const doc = await t.inject('GET', '/api/docs-json', undefined, null);
    expect(doc.status).toBe(200);
    operations = Object.entries(doc.json.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      (['get', 'post'] as const)
        .filter((m) => item[m] !== undefined)
        .map((m) => ({ method: m.toUpperCase() as 'GET' | 'POST', path, key: `${m.toUpperCase()} ${path}` })),
    );
    for (const role of ROLES) tokens.set(role, await t.token([role], ['202']));
    tokens.set('other-la', await t.token(['case-system', 'manager', 'board'], ['203']));
    // A case to read.
    const posted = await t.inject('POST', '/api/v1/las/202/events', [
      fact('ACL-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' }),
    ]);
    expect(posted.status).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  const urlOf = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => EXAMPLES[name] ?? 'x');
  const bodyOf = (method: string) => (method === 'POST' ? [] : undefined);

  it('lists every operation in the access matrix (a new route must say who may call it)', () => {
    const unlisted = operations.map((o) => o.key).filter((key) => MATRIX[key] === undefined);
    expect(unlisted).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
  });

  it('answers 401 problem+json to every non-public operation called with no token or a bad one', async () => {
    for (const op of operations) {
      if (MATRIX[op.key] === 'public') continue;
      for (const bearer of [null, 'not-a-jwt', `${tokens.get('admin')!.slice(0, -4)}AAAA`]) {
        const answer = await t.inject(op.method, urlOf(op.path), bodyOf(op.method), bearer);
        expect({ op: op.key, status: answer.status }).toEqual({ op: op.key, status: 401 });
        expect(String(answer.headers['content-type'])).toContain('application/problem+json');
        expect(String(answer.headers['www-authenticate'])).toContain('Bearer');
      }
    }
  });

  it('answers 403 to a token for another LA on every LA route', async () => {
    for (const op of operations.filter((o) => o.path.includes('{la}') && !o.path.startsWith('/api/v1/admin'))) {
      const answer = await t.inject(op.method, urlOf(op.path), bodyOf(op.method), tokens.get('other-la'));
      expect({ op: op.key, status: answer.status }).toEqual({ op: op.key, status: 403 });
    }
  });

  it('lets each role call exactly the operations of the matrix', async () => {
    const refused: string[] = [];
    const allowedButRefused: string[] = [];
    for (const op of operations) {
      const allowed = MATRIX[op.key]!;
      if (allowed === 'public') continue;
      for (const role of ROLES) {
        const answer = await t.inject(op.method, urlOf(op.path), bodyOf(op.method), tokens.get(role));
        const denied = answer.status === 401 || answer.status === 403;
        if (allowed.includes(role) && denied) allowedButRefused.push(`${role} ${op.key} ${answer.status}`);
        if (!allowed.includes(role) && answer.status !== 403) refused.push(`${role} ${op.key} ${answer.status}`);
        // 501 is the documented answer of the backup route on a PostgreSQL server and of a PDF route without
        // Chromium; nothing else may be a 5xx.
        expect({ op: op.key, role, fault: answer.status >= 500 && answer.status !== 501 }).toEqual({
          op: op.key,
          role,
          fault: false,
        });
      }
    }
    expect(allowedButRefused).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('answers public operations without a token', async () => {
    for (const op of operations.filter((o) => MATRIX[o.key] === 'public')) {
      const answer = await t.inject(op.method, urlOf(op.path), bodyOf(op.method), null);
      expect({ op: op.key, denied: [401, 403].includes(answer.status) }).toEqual({ op: op.key, denied: false });
    }
    const answer = await t.inject('GET', '/api/v1/auth/config', undefined, null);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ clientId: 'dashboard', issuer: 'http://127.0.0.1:3000/oidc' });
  });

  it('refuses case lists to the board and answers 404 for an LA code the DfE does not publish', async () => {
    const url = '/api/v1/las/202/kpis/twenty-week-timeliness?from=2024-01-01&to=2024-12-31';
    expect((await t.inject('GET', url, undefined, tokens.get('board'))).status).toBe(200);
    expect((await t.inject('GET', `${url}&includeCases=true`, undefined, tokens.get('board'))).status).toBe(403);
    expect((await t.inject('GET', `${url}&includeCases=true`, undefined, tokens.get('manager'))).status).toBe(200);
    const unknown = await t.inject('GET', url.replace('202', '999'), undefined, tokens.get('manager'));
    expect(unknown.status).toBe(404);
    expect(unknown.json.type).toContain('unknown-la');
    expect((await t.inject('GET', url.replace('202', '2x2'), undefined, tokens.get('manager'))).status).toBe(400);
  });

  it('records who sent each fact, and a case system cannot post for another LA', async () => {
    const mine = await t.token(['case-system'], ['202']);
    const theirs = await t.inject(
      'POST',
      '/api/v1/las/203/events',
      [{ ...fact('ACL-2', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' }), la: '203' }],
      mine,
    );
    expect(theirs.status).toBe(403);
    const history = await t.inject('GET', '/api/v1/las/202/cases/ACL-1/events', undefined, tokens.get('manager'));
    expect(history.status).toBe(200);
    expect(history.json.events[0].recordedBy).toMatch(/^cli-/);
    expect(String(history.headers['cache-control'])).toBe('no-store');
    expect(history.headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves exactly one audit record with the caseId when a manager reads a clock, and the rows cannot change', async () => {
    const manager = await t.token(['manager'], ['202']);
    const audit = async () =>
      (await t.inject('GET', '/api/v1/admin/audit?caseId=ACL-1&limit=1000', undefined, tokens.get('admin')))
        .json as Array<{
        route: string;
        caseIds: string[];
        status: number;
        roles: string[];
      }>;
    const before = (await audit()).filter((r) => r.route === '/api/v1/las/:la/cases/:caseId/clock').length;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the projector picks the case up
    const clock = await t.inject('GET', '/api/v1/las/202/cases/ACL-1/clock', undefined, manager);
    expect(clock.status).toBe(200);
    const records = (await audit()).filter((r) => r.route === '/api/v1/las/:la/cases/:caseId/clock');
    expect(records.length).toBe(before + 1);
    expect(records[0]).toMatchObject({ caseIds: ['ACL-1'], status: 200, roles: ['manager'] });

    // A case list downloaded as CSV is audited with its case references too.
    const csv = await t.inject('GET', '/api/v1/las/202/at-risk?withinDays=366&format=csv', undefined, manager);
    expect(csv.status).toBe(200);
    const atRisk = (await audit()).filter((r) => r.route === '/api/v1/las/:la/at-risk');
    expect(atRisk[0]).toMatchObject({ caseIds: ['ACL-1'], status: 200 });

    const client = new pg.Client({ connectionString: t.database!.url });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_records SET subject = 'someone else'`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_records')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_records')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
