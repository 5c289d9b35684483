import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONWebKeySet } from 'jose';
import { TokenVerifier, mintToken } from '#http';
import { LA_CODES } from '#synthetic';
import { loadConfig } from '../../../apps/ehcp-monitor/src/config/config.js';
import { builtInIssuerOptions } from '../../../apps/ehcp-monitor/src/identity/identity.module.js';
import { LoadClient, closedLoop } from '../http-client.js';
import type { BenchProfile } from '../profile.js';
import { fmt, type ScenarioResult } from '../report.js';
import { ServiceProcess, serviceTokens } from '../service.js';
import { median, round, summarise } from '../stats.js';

const CLIENTS = 8;
const VERIFICATIONS = 5_000;

/** What the append and KPI scenarios of the same run measured: a name and its median latency per request. */
interface MeasuredRequest {
  readonly name: string;
  readonly p50Ms: number;
}

/**
 * The cost of token verification, measured two ways on the same service, production settings unchanged:
 *
 * - in-process: the service's own TokenVerifier (jose, RS256, the issuer's JWKS fetched once through discovery and
 *   cached) verifying one access token over and over, on one core (remembered after the first time), and a verifier
 *   that has not seen the token checking its signature and claims;
 * - over HTTP: the same admin-only route asked anonymously (refused 401 before any verification) and with a valid
 *   board token (verified, then refused 403 by the role check). Both answers go through the same guard and problem
 *   writer, so the difference in latency is the verification. `/health/live` (public) is the floor.
 *
 * The overhead on the append and KPI benchmarks of the same run is then each request's median latency with the
 * verification against the same latency less one verification (ratio with / without).
 */
export async function authScenario(
  profile: BenchProfile,
  earlier: ReadonlyArray<{ readonly scenario: string; readonly details: Record<string, unknown> }>,
): Promise<ScenarioResult> {
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'ehcp-bench-auth-'));
  const service = await ServiceProcess.start({ dataDir });
  const config = loadConfig({ PORT: new URL(service.url).port, DATA_DIR: dataDir, PUBLIC_URL: service.url });
  const rows: Array<[string, string]> = [];
  const details: Record<string, unknown> = { clients: CLIENTS };
  const notes: string[] = [];
  try {
    const { accessToken: boardToken } = await mintToken(builtInIssuerOptions(config), ['board'], LA_CODES);

    // In-process: the guard's verifier, as the service builds it for an issuer found by discovery. It remembers a
    // token it verified for a minute, so the same token again is the cost a client that reuses its token pays.
    const issuer = `${service.url}/oidc`;
    const verifier = TokenVerifier.discover(issuer, config.auth.audience);
    await verifier.verify(boardToken);
    const perRun: number[] = [];
    for (let run = 0; run < profile.runs; run++) {
      const t0 = performance.now();
      for (let i = 0; i < VERIFICATIONS; i++) await verifier.verify(boardToken);
      perRun.push(((performance.now() - t0) * 1000) / VERIFICATIONS);
    }
    const verifyUs = median(perRun);
    // A token not seen before: the signature and claims checked, by a verifier holding the issuer's keys.
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as JSONWebKeySet;
    const firstRuns: number[] = [];
    for (let run = 0; run < profile.runs; run++) {
      const t0 = performance.now();
      for (let i = 0; i < VERIFICATIONS; i++) {
        await TokenVerifier.local(issuer, config.auth.audience, jwks).verify(boardToken);
      }
      firstRuns.push(((performance.now() - t0) * 1000) / VERIFICATIONS);
    }
    const firstUs = median(firstRuns);
    details.verificationMicroseconds = {
      median: round(verifyUs, 1),
      runs: perRun.map((v) => round(v, 1)),
      firstMedian: round(firstUs, 1),
      firstRuns: firstRuns.map((v) => round(v, 1)),
    };
    rows.push([
      'token verification (in-process, one core)',
      `a token not seen before ${fmt(firstUs, 0)} µs (${fmt(1e6 / firstUs)} /s); the same token again ${fmt(verifyUs, 1)} µs`,
    ]);

    // Over HTTP: the same route without and with a token to verify.
    const http = async (label: string, path: string, token: string | undefined, expected: number) => {
      if (token === undefined) serviceTokens.delete(service.url);
      else serviceTokens.set(service.url, token);
      const client = new LoadClient(service.url, CLIENTS);
      try {
        const probe = await client.request('GET', path);
        if (probe.status !== expected) throw new Error(`${label}: GET ${path} answered ${probe.status}`);
        for (let i = 0; i < 200; i++) await client.request('GET', path);
        const latencies: number[] = [];
        let issued = 0;
        const seconds = await closedLoop(CLIENTS, profile.kpi.seconds, () => {
          if (issued >= profile.kpi.maxRequests * 2) return undefined;
          issued += 1;
          return async () => {
            const answer = await client.request('GET', path);
            if (answer.status === expected) latencies.push(answer.ms);
          };
        });
        const summary = summarise(latencies);
        const result = { ...summary, requestsPerSecond: round(latencies.length / seconds) };
        details[label] = result;
        return result;
      } finally {
        client.close();
      }
    };
    const live = await http('healthLive', '/health/live', undefined, 200);
    const anonymous = await http('anonymous401', '/metrics', undefined, 401);
    const verified = await http('verified403', '/metrics', boardToken, 403);
    const deltaMs = verified.p50Ms - anonymous.p50Ms;
    details.httpVerificationDeltaMs = round(deltaMs, 3);
    details.httpThroughputRatio = round(anonymous.requestsPerSecond / verified.requestsPerSecond, 3);
    rows.push(
      ['GET /health/live (public)', `p50 ${fmt(live.p50Ms, 2)} ms, ${fmt(live.requestsPerSecond)} req/s`],
      ['GET /metrics, no token (401)', `p50 ${fmt(anonymous.p50Ms, 2)} ms, ${fmt(anonymous.requestsPerSecond)} req/s`],
      ['GET /metrics, board token (403)', `p50 ${fmt(verified.p50Ms, 2)} ms, ${fmt(verified.requestsPerSecond)} req/s`],
      [
        'verification over HTTP (403 - 401)',
        `+${fmt(deltaMs, 2)} ms p50; throughput ${fmt(details.httpThroughputRatio as number, 2)}x lower`,
      ],
    );

    // Overhead on the append and KPI requests measured earlier in this run.
    const measured = earlier.flatMap((result) =>
      result.scenario === 'append' || result.scenario === 'kpi' ? requestsIn(result.scenario, result.details) : [],
    );
    const overhead = measured.map(({ name, p50Ms }) => {
      const without = Math.max(p50Ms - verifyUs / 1000, Number.EPSILON);
      return { name, p50MsWith: round(p50Ms, 2), p50MsWithout: round(without, 2), ratio: round(p50Ms / without, 4) };
    });
    details.overhead = overhead;
    for (const { name, ratio } of overhead) rows.push([`overhead on ${name}`, `${fmt(ratio, 3)}x`]);
    if (overhead.length === 0) notes.push('run with the append and kpi scenarios for the overhead on their requests');
    notes.push(
      'one verification per request (RS256 with jose, JWKS cached; a token verified in the last minute is remembered, and each client here sends one token): the ratio is p50 / (p50 - one verification of a token seen before)',
    );
  } finally {
    await service.stop();
    serviceTokens.delete(service.url);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    scenario: 'auth',
    title: 'Token verification: its cost per request and its share of the append and KPI requests',
    rows,
    targets: [],
    details,
    notes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Every `{ p50Ms }` under a scenario's details, named by its path (e.g. `append postgres batch1`). */
function requestsIn(scenario: string, details: Record<string, unknown>): MeasuredRequest[] {
  const found: MeasuredRequest[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const p50 = (value as { p50Ms?: unknown }).p50Ms;
    if (typeof p50 === 'number' && Number.isFinite(p50) && p50 > 0) {
      found.push({ name: [scenario, ...path].join(' '), p50Ms: p50 });
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
  };
  walk(details, []);
  return found;
}
