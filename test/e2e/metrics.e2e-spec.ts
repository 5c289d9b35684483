import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fact, startTestApp, type TestApp } from './support/test-app.js';

/** The value of one sample in Prometheus text, 0 when absent. */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || l === `${name} ${labels}`);
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  async function scrape(): Promise<string> {
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${t.defaultToken}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return response.body;
  }

  it('counts facts by outcome and requests by route template', async () => {
    const before = await scrape();
    const opening = fact('MET-1', 'AssessmentRequested', '2024-01-08', { requestSource: 'school' });
    const tooEarly = fact('MET-1', 'FinalPlanIssued', '2023-01-01');
    await t.inject('POST', '/api/v1/las/202/events', [opening, tooEarly]);
    await t.inject('POST', '/api/v1/las/202/events', [opening]);
    const after = await scrape();

    const facts = (text: string, labels: string): number => sample(text, 'ehcp_facts_recorded_total', labels);
    expect(facts(after, 'outcome="accepted",code=""') - facts(before, 'outcome="accepted",code=""')).toBe(1);
    expect(facts(after, 'outcome="duplicate",code=""') - facts(before, 'outcome="duplicate",code=""')).toBe(1);
    const rejected = after.split('\n').filter((l) => l.startsWith('ehcp_facts_recorded_total{outcome="rejected"'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/code="[a-z-]+"} 1$/);

    const count = sample(
      after,
      'ehcp_http_request_duration_seconds_count',
      'route="/api/v1/las/:la/events",method="POST",status="200"',
    );
    expect(count).toBe(2);
    // Two posts of facts: two audit records answered 200.
    const audited = (text: string): number => sample(text, 'ehcp_audit_records_total', 'status="200"');
    expect(audited(after) - audited(before)).toBe(2);
    expect(after).not.toContain('MET-1');
    for (const name of [
      'ehcp_projector_lag_positions',
      'ehcp_kafka_dead_letters_total',
      'ehcp_rollup_runs_total',
      'ehcp_process_cpu_seconds_total',
    ]) {
      expect(after).toContain(`# TYPE ${name}`);
    }
  });
});
