import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { fact, startTestApp, tempDataDir, type TestApp } from './support/test-app.js';

describe('HTTP ingestion on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  function pathway(caseId: string): Record<string, unknown>[] {
    return [
      fact(caseId, 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' }),
      fact(caseId, 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
      fact(caseId, 'PlanDecisionMade', '2024-04-15', { decision: 'issue' }),
      fact(caseId, 'DraftPlanIssued', '2024-04-22'),
      fact(caseId, 'FinalPlanIssued', '2024-05-20'),
    ];
  }

  it('stores a batch once when it is posted twice', async () => {
    const batch = [...pathway('DUP-1'), ...pathway('DUP-2')];
    const first = await t.inject('POST', '/api/v1/las/202/events', batch);
    expect(first.status).toBe(200);
    expect(first.json.map((r: { status: string }) => r.status)).toEqual(batch.map(() => 'accepted'));

    const second = await t.inject('POST', '/api/v1/las/202/events', batch);
    expect(second.status).toBe(200);
    expect(second.json.map((r: { status: string }) => r.status)).toEqual(batch.map(() => 'duplicate'));

    for (const caseId of ['DUP-1', 'DUP-2']) {
      const history = await t.inject('GET', `/api/v1/las/202/cases/${caseId}/events`);
      expect(history.status).toBe(200);
      expect(history.json.events.map((e: { type: string }) => e.type)).toEqual([
        'AssessmentRequested',
        'AssessmentDecisionMade',
        'PlanDecisionMade',
        'DraftPlanIssued',
        'FinalPlanIssued',
      ]);
      expect(history.json.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual([0, 1, 2, 3, 4]);
      expect(typeof history.json.events[0].recordedAt).toBe('string');
    }
  });

  it('answers a reused eventId with other content as conflict and stores nothing of it', async () => {
    const [request] = pathway('CONFLICT-1') as [Record<string, unknown>];
    expect((await t.inject('POST', '/api/v1/las/202/events', [request])).json[0].status).toBe('accepted');

    const otherDate = { ...request, occurredOn: '2024-01-09' };
    const otherCase = { ...request, caseId: 'CONFLICT-2' };
    // One eventId per batch (a batch naming an eventId twice is refused whole).
    const answers = [];
    for (const repeat of [otherDate, otherCase, request]) {
      const answer = await t.inject('POST', '/api/v1/las/202/events', [repeat]);
      expect(answer.status).toBe(200);
      answers.push(answer.json[0]);
    }
    expect(answers.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
      ['conflict', 'conflict'],
      ['conflict', 'conflict'],
      ['duplicate', undefined],
    ]);
    const history = await t.inject('GET', '/api/v1/las/202/cases/CONFLICT-1/events');
    expect(history.json.events.map((e: { occurredOn: string }) => e.occurredOn)).toEqual(['2024-01-08']);
    expect((await t.inject('GET', '/api/v1/las/202/cases/CONFLICT-2/events')).json.events).toEqual([]);
  });

  it('keeps one case contiguous and duplicate-free under 50 concurrent conflicting batches', async () => {
    const opening = fact('RACE-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'parent-or-young-person' });
    expect((await t.inject('POST', '/api/v1/las/202/events', [opening])).json[0].status).toBe('accepted');

    // Each batch adds an advice request; every batch is sent twice, so half the facts are duplicates.
    const batches = Array.from({ length: 25 }, (_, i) => [
      fact('RACE-1', 'AdviceRequested', '2024-01-10', { adviceFrom: i % 2 ? 'health' : 'school' }),
      fact('RACE-1', 'AdviceReceived', '2024-02-10', { adviceFrom: i % 2 ? 'health' : 'school' }),
    ]);
    const answers = await Promise.all(
      [...batches, ...batches].map((batch) => t.inject('POST', '/api/v1/las/202/events', batch)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const statuses = answers.flatMap((a) => a.json.map((r: { status: string }) => r.status));
    expect(statuses.filter((s: string) => s === 'accepted')).toHaveLength(50);
    expect(statuses.filter((s: string) => s === 'duplicate')).toHaveLength(50);

    const history = await t.inject('GET', '/api/v1/las/202/cases/RACE-1/events');
    const events = history.json.events as Array<{ eventId: string; streamVersion: number }>;
    expect(events).toHaveLength(51);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(51);
  }, 60_000);

  it('answers a rejected fact with its reason and still records the others', async () => {
    const request = fact('REJ-1', 'AssessmentRequested', '2024-03-04', { requestSource: 'health' });
    const tooEarly = fact('REJ-1', 'FinalPlanIssued', '2024-02-01');
    const decision = fact('REJ-1', 'AssessmentDecisionMade', '2024-04-12', { decision: 'assess' });
    const answer = await t.inject('POST', '/api/v1/las/202/events', [request, tooEarly, decision]);
    expect(answer.status).toBe(200);
    expect(answer.json[0]).toEqual({ eventId: request.eventId, status: 'accepted' });
    expect(answer.json[1].status).toBe('rejected');
    expect(answer.json[1].code).toBe('final-plan-before-request');
    expect(answer.json[1].message).toMatch(/2024-02-01/);
    expect(answer.json[2]).toEqual({ eventId: decision.eventId, status: 'accepted' });

    const history = await t.inject('GET', '/api/v1/las/202/cases/REJ-1/events');
    expect(history.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([request.eventId, decision.eventId]);
  });

  it('rejects a fact dated in the future', async () => {
    const answer = await t.inject('POST', '/api/v1/las/202/events', [
      fact('FUT-1', 'AssessmentRequested', `${new Date().getUTCFullYear() + 1}-01-01`, { requestSource: 'school' }),
    ]);
    expect(answer.json[0].status).toBe('rejected');
    expect(answer.json[0].code).toBe('future-date');
  });

  it('refuses a malformed batch whole with a problem naming every bad field', async () => {
    const good = fact('BAD-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
    const answer = await t.inject('POST', '/api/v1/las/202/events', [
      good,
      { ...fact('BAD-1', 'AssessmentDecisionMade', '2024-13-45', { decision: 'assess' }), eventId: 'not-a-uuid' },
      { ...fact('BAD-2', 'NoSuchThing', '2024-01-08'), la: '999' },
      fact('BAD-1', 'AssessmentDecisionMade', '2024-02-01', { decision: 'maybe' }),
    ]);
    expect(answer.status).toBe(400);
    expect(String(answer.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(answer.json.status).toBe(400);
    const paths = (answer.json.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['[1].eventId', '[1].occurredOn', '[2].type', '[3].data.decision']));
    const history = await t.inject('GET', '/api/v1/las/202/cases/BAD-1/events');
    expect(history.json.events).toEqual([]);
  });

  it('answers problem+json for a body that is not an array, bad JSON, an oversize batch and a bad LA', async () => {
    const notArray = await t.inject('POST', '/api/v1/las/202/events', { hello: 'world' });
    expect(notArray.status).toBe(400);
    expect(notArray.json.detail).toMatch(/array/);

    const badJson = await t.inject('POST', '/api/v1/las/202/events', '[{"eventId": ');
    expect(badJson.status).toBe(400);
    expect(String(badJson.headers['content-type'])).toMatch(/^application\/problem\+json/);

    const oversize = await t.inject(
      'POST',
      '/api/v1/las/202/events',
      Array.from({ length: 1001 }, (_, i) =>
        fact(`BIG-${i}`, 'AssessmentRequested', '2024-01-08', { requestSource: 'school' }),
      ),
    );
    expect(oversize.status).toBe(400);
    expect(oversize.json.detail).toMatch(/1000/);

    const badLa = await t.inject('POST', '/api/v1/las/abc/events', [fact('X', 'AssessmentRequested', '2024-01-08')]);
    expect(badLa.status).toBe(400);
  });

  it('reports health with PostgreSQL reachable and serves OpenAPI', async () => {
    const health = await t.inject('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json.status).toBe('ok');
    expect(health.json.info.postgres.status).toBe('up');

    const docs = await t.inject('GET', '/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.json.paths)).toEqual(
      expect.arrayContaining(['/api/v1/las/{la}/events', '/api/v1/las/{la}/cases/{caseId}/events', '/health']),
    );
  });
});

describe('HTTP ingestion on embedded PGlite', () => {
  it('keeps what it stored across a restart', async () => {
    const data = tempDataDir();
    try {
      const request = fact('EMB-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' }, randomUUID());
      const first = await startTestApp({ embeddedDataDir: data.dir });
      expect((await first.inject('POST', '/api/v1/las/202/events', [request])).json[0].status).toBe('accepted');
      expect((await first.inject('GET', '/health')).json.status).toBe('ok');
      await first.close();

      const second = await startTestApp({ embeddedDataDir: data.dir });
      const history = await second.inject('GET', '/api/v1/las/202/cases/EMB-1/events');
      expect(history.json.events.map((e: { eventId: string }) => e.eventId)).toEqual([request.eventId]);
      expect((await second.inject('POST', '/api/v1/las/202/events', [request])).json[0].status).toBe('duplicate');
      await second.close();
    } finally {
      data.remove();
    }
  }, 120_000);
});
