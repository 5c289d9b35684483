/**
 * Benchmark, not a test: skipped unless BENCH_EVENTS is set. Appends about BENCH_EVENTS synthetic events (LAs of
 * ~4,500 cases over 5 years, each LA appended in business-date order, a case's facts of one month per append),
 * rebuilds the case clocks from zero, and times the 20-week KPI query for one LA over its 5 years. The database runs
 * with synchronous_commit off so that loading a million events one month of one case at a time takes minutes; the
 * rebuild commits once per 1,000 events, so that setting barely touches the rate measured.
 *
 *   BENCH_EVENTS=1000000 npm run test:int -- libs/projections/src/bench
 */
import { describe, expect, it } from '@jest/globals';
import { ExpectedVersion } from '#event-store';
import { streamNameFor, toStoredShape, type PathwayEvent } from '#pathway';
import { KpiService } from '../../../kpis/src/kpi-service.js';
import { CaseClockQueries } from '../read-models/case-clock/queries.js';
import { caseClocksProjection } from '../read-models/case-clock/projection.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { syntheticCases } from '../testing/synthetic-cases.js';
import { createReadModelTestBed, type ReadModelTestBed } from '../testing/testbed.js';

const TARGET = Number(process.env['BENCH_EVENTS'] ?? 0);
/** How much of one case one append carries: its facts of a month (most interleaved), a quarter or a year. */
const APPEND_BY = process.env['BENCH_APPEND_BY'] ?? 'quarter';
const REBUILD_BATCH = Number(process.env['BENCH_REBUILD_BATCH'] ?? 5000);
const CASES_PER_LA = 4500;
const CONCURRENCY = 8;
const bench = TARGET > 0 ? describe : describe.skip;

function report(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

/** Appends one LA's cases month by month: each round appends every case's facts of that month, in parallel. */
async function appendLa(bed: ReadModelTestBed, cases: PathwayEvent[][]): Promise<number> {
  const byMonth = new Map<string, PathwayEvent[][]>();
  for (const events of cases) {
    const months = new Map<string, PathwayEvent[]>();
    for (const event of events) {
      const month = appendPeriod(event.occurredOn);
      const bucket = months.get(month);
      if (bucket === undefined) months.set(month, [event]);
      else bucket.push(event);
    }
    for (const [month, monthEvents] of months) {
      const round = byMonth.get(month);
      if (round === undefined) byMonth.set(month, [monthEvents]);
      else round.push(monthEvents);
    }
  }
  let appended = 0;
  for (const month of [...byMonth.keys()].sort()) {
    const appends = byMonth.get(month)!;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < appends.length) {
          const events = appends[next++]!;
          await bed.store.appendToStream(
            streamNameFor(events[0]!.la, events[0]!.caseId),
            events.map(toStoredShape),
            ExpectedVersion.any,
          );
          appended += events.length;
        }
      }),
    );
  }
  return appended;
}

function appendPeriod(date: string): string {
  if (APPEND_BY === 'month') return date.slice(0, 7);
  if (APPEND_BY === 'year') return date.slice(0, 4);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

bench('benchmark: rebuild rate and 20-week query latency', () => {
  it(
    `appends ~${TARGET} events, rebuilds the case clocks, times the 20-week query`,
    async () => {
      const bed = await createReadModelTestBed('rm_bench', { synchronousCommit: false });
      try {
        let total = 0;
        let las = 0;
        const appendStart = Date.now();
        while (total < TARGET) {
          const la = String(800 + las);
          const cases = syntheticCases(la, CASES_PER_LA, { seed: 100 + las, start: '2020-01-06', years: 5 });
          total += await appendLa(bed, cases);
          las += 1;
          report(`LA ${la}: ${total} events so far (${((Date.now() - appendStart) / 1000).toFixed(0)} s)`);
        }
        const appendSeconds = (Date.now() - appendStart) / 1000;
        report(
          `appended ${total} events for ${las} LAs in ${appendSeconds.toFixed(1)} s (${Math.round(total / appendSeconds)} events/s)`,
        );

        const runner = new ProjectionRunner(bed.dataSource, bed.store, caseClocksProjection(), {
          rebuildBatchSize: REBUILD_BATCH,
        });
        await runner.activeGeneration();
        const rebuilt = await runner.rebuild();
        report(
          `rebuild: ${rebuilt.events} events in ${rebuilt.seconds.toFixed(1)} s = ${Math.round(rebuilt.events / rebuilt.seconds)} events/s (batches of ${REBUILD_BATCH}; appended by ${APPEND_BY})`,
        );
        expect(rebuilt.events).toBe(total);

        const service = new KpiService(new CaseClockQueries(bed.dataSource));
        const query = { from: '2020-01-01', to: '2024-12-31', groupBy: 'month' as const };
        const timings: number[] = [];
        let plans = 0;
        for (let n = 0; n < 200; n += 1) {
          const started = process.hrtime.bigint();
          const answer = await service.kpi('twenty-week-timeliness', '800', query);
          timings.push(Number(process.hrtime.bigint() - started) / 1e6);
          plans = answer.total.figures['newPlansIssued']!.numerator;
        }
        timings.sort((a, b) => a - b);
        report(
          `20-week KPI, LA 800, 5 years by month (${plans} new plans): p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms`,
        );
        const breakdownTimings: number[] = [];
        for (let n = 0; n < 100; n += 1) {
          const started = process.hrtime.bigint();
          await service.kpi('twenty-week-timeliness', '800', {
            ...query,
            breakdown: 'primaryNeed',
            includeCases: true,
          });
          breakdownTimings.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        breakdownTimings.sort((a, b) => a - b);
        report(
          `same with breakdown=primaryNeed and includeCases: p50 ${percentile(breakdownTimings, 50).toFixed(1)} ms, p99 ${percentile(breakdownTimings, 99).toFixed(1)} ms`,
        );
      } finally {
        await bed.close();
      }
    },
    3 * 60 * 60 * 1000,
  );
});
