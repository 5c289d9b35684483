import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

/** The whole flow through the service: facts posted over HTTP reach the KPI answers and the weekly rollups. */
describe('from a posted fact to the KPIs and the rollups', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function eventually(url: string, done: (json: any) => boolean, ms = 60_000): Promise<any> {
    const deadline = Date.now() + ms;
    for (;;) {
      const answer = await t.inject('GET', url);
      if ((answer.status === 200 && done(answer.json)) || Date.now() > deadline) return answer.json;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('counts a final plan in the 20-week figure once the projector catches up, and a correction moves it', async () => {
    const url =
      '/api/v1/las/202/kpis/twenty-week-timeliness?from=2024-01-01&to=2024-12-31&groupBy=year&includeCases=true';
    const request = fact('KPI-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school', primaryNeed: 'ASD' });
    const finalPlan = fact('KPI-1', 'FinalPlanIssued', '2024-05-27');
    const posted = await t.inject('POST', '/api/v1/las/202/events', [
      request,
      fact('KPI-1', 'AssessmentDecisionMade', '2024-02-12', { decision: 'assess' }),
      fact('KPI-1', 'PlanDecisionMade', '2024-04-15', { decision: 'issue' }),
      fact('KPI-1', 'DraftPlanIssued', '2024-04-22'),
      finalPlan,
    ]);
    expect(posted.json.every((r: { status: string }) => r.status === 'accepted')).toBe(true);

    // Day 140 is within 20 weeks under the default day0 rule.
    const before = await eventually(url, (json) => json.total.figures.newPlansIssued.numerator === 1);
    expect(before.total.figures.withinTwentyWeeksIncludingExceptions).toMatchObject({
      numerator: 1,
      denominator: 1,
      cases: { numerator: ['KPI-1'], denominator: ['KPI-1'] },
    });

    // The plan was in fact issued a day later: day 141 is late.
    await t.inject('POST', '/api/v1/las/202/events', [
      fact('KPI-1', 'EventCorrected', '2024-06-03', { correctedEventId: finalPlan.eventId, occurredOn: '2024-05-28' }),
    ]);
    const after = await eventually(
      url,
      (json) => json.total.figures.withinTwentyWeeksIncludingExceptions.numerator === 0,
    );
    expect(after.total.figures.withinTwentyWeeksIncludingExceptions).toMatchObject({ numerator: 0, denominator: 1 });

    const clock = await t.inject('GET', '/api/v1/las/202/cases/KPI-1/clock');
    expect(clock.status).toBe(200);
    expect(clock.json.facts.find((f: { kind: string }) => f.kind === 'new-plan')).toMatchObject({
      dueDate: '2024-05-27',
      issuedOn: '2024-05-28',
      daysTaken: 141,
    });
    expect(clock.json.flags.map((f: { code: string }) => f.code)).toContain('corrected');

    const health = await t.inject('GET', '/health');
    expect(health.json.info.projections.status).toBe('up');
  }, 120_000);

  it('publishes weekly rollups on demand and serves them over HTTP with Kafka off', async () => {
    const published = await t.inject('POST', '/api/v1/admin/rollups/publish?la=202');
    expect(published.status).toBeLessThan(300);
    const rollups = await t.inject('GET', '/api/v1/las/202/rollups/weekly');
    expect(rollups.status).toBe(200);
    expect(JSON.stringify(rollups.json)).toMatch(/"revision":1/);

    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/las/202/rollups/weekly?format=csv',
      headers: { authorization: `Bearer ${t.defaultToken}` },
    });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const records = parse<Record<string, string>>(csv.rawPayload, { bom: true, columns: true });
    expect(
      records.map((r) => [r['week'], Number(r['revision']), Number(r['thisWeek.newPlansIssued.numerator'])]),
    ).toEqual(rollups.json.rollups.map((r: any) => [r.week, r.revision, r.thisWeek.newPlansIssued.numerator]));
  }, 60_000);

  it('sends a KPI answer gzipped to a client that accepts gzip, the same JSON as sent plain', async () => {
    const url = '/api/v1/las/202/kpis/twenty-week-timeliness?from=2020-01-01&to=2024-12-31&groupBy=month';
    const ask = (encoding?: string) =>
      t.app.inject({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${t.defaultToken}`,
          ...(encoding === undefined ? {} : { 'accept-encoding': encoding }),
        },
      });
    const plain = await ask();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    expect(String(plain.headers['vary'])).toMatch(/accept-encoding/i);

    const zipped = await ask('br;q=1.0, gzip;q=0.8, *;q=0.1');
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(String(zipped.headers['content-type'])).toMatch(/^application\/json/);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);

    // Refused by q=0, or not offered: plain JSON.
    expect((await ask('gzip;q=0, identity')).headers['content-encoding']).toBeUndefined();
    expect((await ask('br')).headers['content-encoding']).toBeUndefined();
  });

  it('answers problem+json for bad KPI parameters', async () => {
    const answer = await t.inject('GET', '/api/v1/las/202/kpis/twenty-week-timeliness?from=2024-13-01&to=2024-12-31');
    expect(answer.status).toBe(400);
    expect(String(answer.headers['content-type'])).toMatch(/^application\/problem\+json/);
  });
});
