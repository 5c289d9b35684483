import pg from 'pg';
import { LoadClient } from '../http-client.js';
import { benchLaCodes, countAnswer, emptyCounts, factBatches } from '../facts.js';
import { ReadyProbe, readyRow } from '../ready-probe.js';
import { RssSampler } from '../memory.js';
import { connectionStringFor, createDatabase, dropDatabase } from '../postgres.js';
import type { BenchProfile } from '../profile.js';
import { projectionPosition, waitCaughtUp } from '../projection-state.js';
import { below, fmt, type ScenarioResult, type TargetCheck } from '../report.js';
import { ServiceProcess } from '../service.js';
import { round, summarise } from '../stats.js';

interface Sample {
  readonly sentAt: number;
  readonly ackedAt: number;
  readonly position: bigint;
  visibleAt?: number;
}

const POLL_MS = 10;
const MAX_IN_FLIGHT = 40;

/**
 * Scenario 5: end-to-end lag from append to KPI-visible under a steady load. An open-loop sender posts a batch every
 * batchSize/rate seconds to the service (all roles, projector on); for the last fact of each batch the harness finds
 * its global position, then polls the case clocks' checkpoint every 10 ms: the lag is from the append's answer to the
 * first poll that sees the checkpoint at or past it (KPI queries read exactly what the checkpoint covers).
 */
export async function lagScenario(profile: BenchProfile): Promise<ScenarioResult> {
  const started = performance.now();
  const sampler = new RssSampler();
  const database = await createDatabase('lag');
  const url = connectionStringFor(database);
  const service = await ServiceProcess.start({ databaseUrl: url });
  const notes: string[] = [];
  const client = new LoadClient(service.url, 64);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const { eventsPerSecond, seconds, batchSize } = profile.lag;
  const maxEvents = eventsPerSecond * seconds;
  const batches = factBatches(
    benchLaCodes(3),
    { seed: profile.seed + 1, years: profile.la.years, ...(profile.la.plans ? { plans: profile.la.plans } : {}) },
    batchSize,
    maxEvents,
  );
  const samples: Sample[] = [];
  const postLatencies: number[] = [];
  const answers = emptyCounts();
  let lateTicks = 0;
  let droppedBatches = 0;
  let maxInFlight = 0;
  let sent = 0;
  let details: Record<string, unknown> = {};
  const probe = new ReadyProbe(service.probeUrl);
  let ready: ReturnType<typeof readyRow> | undefined;
  try {
    if (!(await waitCaughtUp(db, 30_000))) throw new Error('the service runs no case clocks projector (no checkpoint)');
    let polling = true;
    let sendEnd = Number.POSITIVE_INFINITY;
    const poller = (async () => {
      while (polling || samples.some((s) => s.visibleAt === undefined)) {
        const { checkpoint } = await projectionPosition(db);
        const now = performance.now();
        for (const sample of samples)
          if (sample.visibleAt === undefined && sample.position <= checkpoint) sample.visibleAt = now;
        if (!polling && now - sendEnd > 60_000) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();
    const interval = (batchSize / eventsPerSecond) * 1000;
    const sendStart = performance.now();
    const inFlight = new Set<Promise<void>>();
    const lookup = new pg.Client({ connectionString: url });
    await lookup.connect();
    for (let i = 0; i < batches.length; i++) {
      const due = sendStart + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else if (wait < -interval) lateTicks += 1;
      const batch = batches[i]!;
      // Bounded: when the service falls this far behind, the tick is dropped rather than queued.
      if (inFlight.size >= MAX_IN_FLIGHT) {
        droppedBatches += 1;
        continue;
      }
      const sentAt = performance.now();
      const work = (async () => {
        const answer = await client.request('POST', `/api/v1/las/${batch.la}/events`, batch.body);
        const ackedAt = performance.now();
        postLatencies.push(answer.ms);
        countAnswer(answers, answer.status, answer.body);
        sent += batch.count;
        const found = await lookup.query<{ p: string }>(
          'select global_position::text as p from event_store.events where event_id = $1',
          [batch.lastEventId],
        );
        const position = found.rows[0]?.p;
        if (position !== undefined) samples.push({ sentAt, ackedAt, position: BigInt(position) });
      })();
      inFlight.add(work);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      void work.finally(() => inFlight.delete(work));
    }
    await Promise.all(inFlight);
    sendEnd = performance.now();
    const sendSeconds = (sendEnd - sendStart) / 1000;
    polling = false;
    await poller;
    await lookup.end();
    const visible = samples.filter((s) => s.visibleAt !== undefined);
    const lag = summarise(visible.map((s) => s.visibleAt! - s.ackedAt));
    const lagFromSend = summarise(visible.map((s) => s.visibleAt! - s.sentAt));
    const post = summarise(postLatencies);
    details = {
      targetEventsPerSecond: eventsPerSecond,
      achievedEventsPerSecond: round(sent / sendSeconds),
      batchSize,
      sendSeconds: round(sendSeconds, 2),
      samples: samples.length,
      neverVisible: samples.length - visible.length,
      lagFromAnswerMs: lag,
      lagFromSendMs: lagFromSend,
      postLatencyMs: post,
      answers,
      lateTicks,
      droppedBatches,
      maxInFlight,
      pollIntervalMs: POLL_MS,
    };
  } finally {
    ready = readyRow('lag', await probe.stop());
    client.close();
    await db.end();
    details.servicePeakRssMiB = await service.stop();
    await dropDatabase(database);
  }
  details.harnessPeakRssMiB = sampler.stop();
  const lag = details.lagFromAnswerMs as ReturnType<typeof summarise>;
  const post = details.postLatencyMs as ReturnType<typeof summarise>;
  return {
    scenario: 'lag',
    title: `5. End-to-end lag, append -> KPI visible, at ${fmt(eventsPerSecond)} ev/s (batches of ${batchSize})`,
    rows: [
      [
        'achieved rate',
        `${fmt(details.achievedEventsPerSecond as number)} ev/s over ${fmt(details.sendSeconds as number, 1)} s`,
      ],
      [
        'lag (answer -> checkpoint)',
        `p50 ${fmt(lag.p50Ms)} ms, p99 ${fmt(lag.p99Ms)} ms, max ${fmt(lag.maxMs)} ms (${fmt(lag.count)} samples)`,
      ],
      ['dropped batches (40 in flight)', `${fmt(droppedBatches)}`],
      ['append latency', `p50 ${fmt(post.p50Ms, 1)} ms, p99 ${fmt(post.p99Ms, 1)} ms`],
      ['service peak RSS', `${fmt(details.servicePeakRssMiB as number)} MiB`],
      ready.row,
    ],
    targets: [lagTarget(lag.p99Ms / 1000, details.achievedEventsPerSecond as number, eventsPerSecond), ready.target],
    details,
    notes: [...notes, `checkpoint polled every ${POLL_MS} ms; lag includes up to one poll interval`],
    seconds: (performance.now() - started) / 1000,
  };
}

/** The lag target holds only if the service also kept up with the offered rate. */
function lagTarget(p99Seconds: number, achieved: number, offered: number): TargetCheck {
  const check = below(`lag p99 at ${fmt(offered)} ev/s`, p99Seconds, 1, 's');
  if (achieved >= offered * 0.95) return check;
  return {
    ...check,
    met: false,
    verdict: `missed: the service sustained only ${fmt(achieved)} of ${fmt(offered)} ev/s (lag p99 ${fmt(p99Seconds, 2)} s at that rate)`,
  };
}
