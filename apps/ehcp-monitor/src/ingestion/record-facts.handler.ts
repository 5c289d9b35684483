import { ERASED_CASES, type ErasedCases } from '../erasure/erased-cases.js';
import { Inject, Logger, Optional } from '@nestjs/common';
import { Metrics } from '../observability/metrics.js';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  evolve,
  factContent,
  foldCase,
  fromStoredShape,
  initialState,
  sameFact,
  streamNameFor,
  toStoredShape,
  type PathwayEvent,
} from '#pathway';
import {
  contentHash,
  EventStoreUnavailableError,
  ExpectedVersion,
  ExpectedVersionConflictError,
  type AppendResult,
  type EventStore,
  type StoredEvent,
} from '#event-store';
import { CaseLocks } from './case-locks.js';
import { CaseCache, type CachedCase } from './case-cache.js';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { EVENT_STORE } from '../storage/tokens.js';
import { Clock } from './clock.js';
import {
  FactsPartlyRecordedError,
  RecordPathwayFacts,
  type FactOutcome,
  type FactResult,
} from './record-facts.command.js';

const MAX_CONFLICT_RETRIES = 50;
const CASES_IN_PARALLEL = 8;

/** One case's facts decided against its history: the answers so far and the events to append. */
interface CaseDecision {
  readonly results: FactResult[];
  readonly toAppend: readonly PathwayEvent[];
  /** Fact eventId -> its index in results, for the facts decided "accepted". */
  readonly appendedFor: ReadonlyMap<string, number>;
  readonly expected: ExpectedVersion;
  /** The case after the accepted facts, and its version once they are appended. */
  readonly after: CachedCase;
}

/**
 * Decides each fact against its case and appends the accepted ones with the case's expected version.
 * Facts for one case are handled in the order sent, as one atomic append. A batch is read with one readStreams and
 * appended with one appendToStreams (one transaction for every case, where the store is atomic across streams); a
 * version conflict there (another writer appended to one of the cases meanwhile) stores nothing, and the batch
 * falls back to case by case: re-read the case, decide again, append, retrying on conflict.
 *
 * Case by case, one case's append can fail while others are stored. The answer then tells the truth: when some
 * fact was stored, a FactsPartlyRecordedError lists per fact what was stored and what failed and why; when nothing
 * was, the first error is thrown as it was (nothing stored).
 *
 * Each case's folded state and version are kept in a bounded cache after every append, so in the steady state a batch
 * reads no history; a stale entry (another process wrote to the case) fails the expected-version check and the case
 * is read again. A repeated eventId is `duplicate` when it carries the same fact and `conflict` when it does not.
 */
@CommandHandler(RecordPathwayFacts)
export class RecordPathwayFactsHandler implements ICommandHandler<RecordPathwayFacts, FactResult[]> {
  private readonly logger = new Logger(RecordPathwayFactsHandler.name);
  private readonly cases: CaseCache;
  private readonly turns = new CaseLocks();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Optional() @Inject(ERASED_CASES) private readonly erased?: ErasedCases,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.cases = new CaseCache(config.caseCacheEntries);
  }

  async execute(command: RecordPathwayFacts): Promise<FactResult[]> {
    try {
      const results = await this.record(command);
      this.metrics?.countFacts(results);
      return results;
    } catch (error) {
      if (error instanceof FactsPartlyRecordedError) {
        this.metrics?.countFacts(
          error.outcomes.filter((outcome): outcome is FactResult => outcome.status !== 'failed'),
        );
      }
      throw error;
    }
  }

  private async record(command: RecordPathwayFacts): Promise<FactResult[]> {
    const byCase = new Map<string, number[]>();
    command.events.forEach((event, index) => {
      const stream = streamNameFor(command.la, event.caseId);
      const indexes = byCase.get(stream);
      if (indexes) indexes.push(index);
      else byCase.set(stream, [index]);
    });
    const results = new Array<FactResult | undefined>(command.events.length);
    const place = (indexes: readonly number[], caseResults: readonly FactResult[]): void =>
      placeResults(results, indexes, caseResults);

    // An erased case takes no new facts: a replay of its history must not bring it back.
    const erased = (await this.erased?.erasedAmong([...byCase.keys()])) ?? new Set<string>();
    for (const stream of erased) {
      this.cases.delete(stream);
      const indexes = byCase.get(stream)!;
      place(
        indexes,
        indexes.map((i) => ({
          eventId: command.events[i]!.eventId,
          status: 'rejected' as const,
          code: 'case-erased',
          message: 'This case was erased; its facts are no longer recorded',
        })),
      );
      byCase.delete(stream);
    }
    if (byCase.size === 0) return results.map((r) => r!);
    return this.turns.withCases(byCase.keys(), () => this.recordCases(command, byCase, results));
  }

  /** The batch's cases, while no other batch of this process writes any of them. */
  private async recordCases(
    command: RecordPathwayFacts,
    byCase: ReadonlyMap<string, number[]>,
    results: Array<FactResult | undefined>,
  ): Promise<FactResult[]> {
    const place = (indexes: readonly number[], caseResults: readonly FactResult[]): void =>
      placeResults(results, indexes, caseResults);
    const cases = [...byCase.entries()].map(
      ([stream, indexes]) => [stream, indexes, indexes.map((i) => command.events[i]!)] as const,
    );

    if (cases.length > 1 && this.store.atomicMultiStreamAppend) {
      try {
        const decided = await this.recordBatch(
          cases.map(([stream, , facts]) => [stream, facts] as const),
          command.recordedBy,
        );
        cases.forEach(([, indexes], k) => place(indexes, decided[k]!));
        return results.map((r) => r!);
      } catch (error) {
        if (!(error instanceof ExpectedVersionConflictError)) throw error;
        this.cases.delete(error.streamName);
        this.logger.debug(`version conflict in a batch; recording case by case`);
      }
    }

    // Each case on its own: a case whose append fails is answered "failed"; the others go on and are stored.
    const failures: unknown[] = [];
    const failed = new Map<number, FactOutcome>();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length) {
        const [stream, indexes, facts] = cases[next++]!;
        try {
          place(indexes, await this.recordForCase(stream, facts, command.recordedBy));
        } catch (error) {
          failures.push(error);
          const reason = failureReason(error);
          indexes.forEach((i) => failed.set(i, { eventId: command.events[i]!.eventId, status: 'failed', reason }));
          this.logger.warn(`a case of a batch was not stored: ${reason}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CASES_IN_PARALLEL, cases.length) }, worker));
    if (failures.length === 0) return results.map((r) => r!);
    // Nothing new stored: the error stands for the whole batch, as before.
    if (!results.some((result) => result?.status === 'accepted')) throw failures[0];
    throw new FactsPartlyRecordedError(
      Array.from(results, (result, i) => result ?? failed.get(i)!),
      failures.every(isTransient),
    );
  }

  /** Every case of the batch: one read, decisions in order per case, one append (all cases or none). */
  private async recordBatch(
    cases: ReadonlyArray<readonly [string, readonly PathwayEvent[]]>,
    recordedBy: string,
  ): Promise<FactResult[][]> {
    const starts = new Map<string, CachedCase>();
    const missing: string[] = [];
    for (const [stream] of cases) {
      const cached = this.cases.get(stream);
      if (cached === undefined) missing.push(stream);
      else starts.set(stream, cached);
    }
    if (missing.length > 0) {
      const histories = await this.store.readStreams(missing);
      for (const stream of missing) starts.set(stream, caseFrom(histories.get(stream) ?? []));
    }
    const now = this.clock.today();
    const decisions = cases.map(([stream, facts]) => this.decideForCase(starts.get(stream)!, facts, now));
    const appending = decisions.flatMap((decision, k) =>
      decision.toAppend.length === 0 ? [] : [{ stream: cases[k]![0], decision }],
    );
    if (appending.length > 0) {
      const appended = await this.store.appendToStreams(
        appending.map(({ stream, decision }) => ({
          streamName: stream,
          events: decision.toAppend.map((fact) => recordedFrom(fact, recordedBy)),
          expected: decision.expected,
        })),
      );
      appending.forEach(({ stream, decision }, k) => this.settle(stream, decision, appended[k]!));
    }
    decisions.forEach((decision, k) => {
      if (decision.toAppend.length === 0) this.cases.set(cases[k]![0], decision.after);
    });
    return decisions.map((decision) => decision.results);
  }

  private async recordForCase(
    stream: string,
    facts: readonly PathwayEvent[],
    recordedBy: string,
  ): Promise<FactResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryRecordForCase(stream, facts, recordedBy);
      } catch (error) {
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.cases.delete(stream);
        this.logger.debug(`version conflict on a case, attempt ${attempt + 1}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, 2 ** attempt) * Math.random()));
      }
    }
  }

  private async tryRecordForCase(
    stream: string,
    facts: readonly PathwayEvent[],
    recordedBy: string,
  ): Promise<FactResult[]> {
    const start = this.cases.get(stream) ?? caseFrom(await this.store.readStream(stream));
    const decision = this.decideForCase(start, facts, this.clock.today());
    if (decision.toAppend.length === 0) {
      this.cases.set(stream, decision.after);
      return decision.results;
    }
    const appended = await this.store.appendToStream(
      stream,
      decision.toAppend.map((fact) => recordedFrom(fact, recordedBy)),
      decision.expected,
    );
    this.settle(stream, decision, appended);
    return decision.results;
  }

  /** Marks what the store found already stored, and keeps the case for the next batch if all went in as decided. */
  private settle(stream: string, decision: CaseDecision, appended: AppendResult): void {
    if (markStoredRepeats(decision, appended)) {
      this.cases.set(stream, { state: decision.after.state, version: appended.nextExpectedVersion });
    } else {
      // The case holds less than was decided against (a fact was stored under another case): read it again.
      this.cases.delete(stream);
    }
  }

  private decideForCase(start: CachedCase, facts: readonly PathwayEvent[], now: string): CaseDecision {
    let state = start.state;
    const { version } = start;
    const known = new Map(state.stage === 'new' ? [] : state.history.map((e) => [e.eventId, e] as const));

    const results: FactResult[] = [];
    const toAppend: PathwayEvent[] = [];
    const appendedFor = new Map<string, number>();
    for (const fact of facts) {
      const recorded = known.get(fact.eventId);
      if (recorded !== undefined) {
        results.push(
          sameFact(recorded, fact) ? { eventId: fact.eventId, status: 'duplicate' } : conflict(fact.eventId),
        );
        continue;
      }
      const decision = decide({ event: fact, now }, state, this.config.calendar);
      if (decision.kind === 'rejected') {
        results.push({ eventId: fact.eventId, status: 'rejected', code: decision.code, message: decision.message });
        continue;
      }
      for (const event of decision.events) {
        state = evolve(state, event);
        known.set(event.eventId, event);
        toAppend.push(event);
      }
      appendedFor.set(fact.eventId, results.length);
      results.push({ eventId: fact.eventId, status: 'accepted' });
    }
    return {
      results,
      toAppend,
      appendedFor,
      expected: version < 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
      after: { state, version },
    };
  }
}

/** Puts one case's results at its facts' places in the batch's answer. */
function placeResults(
  results: Array<FactResult | undefined>,
  indexes: readonly number[],
  caseResults: readonly FactResult[],
): void {
  indexes.forEach((i, k) => (results[i] = caseResults[k]));
}

/** Why a case was not stored, without data: the kind of failure only. */
function failureReason(error: unknown): string {
  if (error instanceof ExpectedVersionConflictError) {
    return `another writer kept changing this case (${MAX_CONFLICT_RETRIES + 1} attempts); send it again`;
  }
  if (isUnavailable(error)) return 'the event store could not be reached; send it again';
  const code = (error as { code?: unknown }).code;
  const kind = error instanceof Error ? error.name : typeof error;
  return `the event store refused the append (${kind}${typeof code === 'string' ? ` ${code}` : ''})`;
}

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    error instanceof EventStoreUnavailableError ||
    (typeof code === 'string' && (code.startsWith('08') || ['57P01', '57P02', '57P03', 'ECONNREFUSED'].includes(code)))
  );
}

function isTransient(error: unknown): boolean {
  return error instanceof ExpectedVersionConflictError || isUnavailable(error);
}

/** A case read from its stream: one fold of the whole history (evolving fact by fact would re-derive it each time). */
function caseFrom(history: readonly StoredEvent[]): CachedCase {
  if (history.length === 0) return { state: initialState, version: -1 };
  return { state: foldCase(history.map(fromStoredShape)), version: history[history.length - 1]!.streamVersion };
}

function conflict(eventId: string): FactResult {
  return {
    eventId,
    status: 'conflict',
    code: 'conflict',
    message: 'A fact with this eventId is already recorded with other content; this one was not stored',
  };
}

/**
 * The store knows eventIds of every stream: a fact already stored under another case is a duplicate too (or a
 * conflict, when the stored one is another fact). Answers whether every event went in as decided.
 */
function markStoredRepeats(decision: CaseDecision, appended: AppendResult): boolean {
  let asDecided = true;
  for (const outcome of appended.outcomes) {
    if (outcome.status === 'appended') continue;
    asDecided = false;
    const at = decision.appendedFor.get(outcome.eventId);
    if (at === undefined) continue;
    decision.results[at] =
      outcome.status === 'duplicate' ? { eventId: outcome.eventId, status: 'duplicate' } : conflict(outcome.eventId);
  }
  return asDecided;
}

/** The stored shape of a fact, with who sent it (the token's client or subject, or the Kafka topic). */
function recordedFrom(fact: PathwayEvent, recordedBy: string) {
  const stored = toStoredShape(fact);
  return { ...stored, metadata: { ...stored.metadata, recordedBy }, contentHash: contentHash(factContent(fact)) };
}
