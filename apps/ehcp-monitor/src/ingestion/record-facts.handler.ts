import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  decide,
  evolve,
  foldCase,
  fromStoredShape,
  initialState,
  streamNameFor,
  toStoredShape,
  type CaseState,
  type PathwayEvent,
} from '#pathway';
import { ExpectedVersion, ExpectedVersionConflictError, type EventStore } from '#event-store';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { EVENT_STORE } from '../storage/tokens.js';
import { Clock } from './clock.js';
import { RecordPathwayFacts, type FactResult } from './record-facts.command.js';

const MAX_CONFLICT_RETRIES = 50;
const CASES_IN_PARALLEL = 8;

/**
 * Decides each fact against its case and appends the accepted ones with the case's expected version.
 * Facts for one case are handled in the order sent, as one atomic append; a version conflict (another writer
 * appended to the case meanwhile) re-reads the case and decides again.
 */
@CommandHandler(RecordPathwayFacts)
export class RecordPathwayFactsHandler implements ICommandHandler<RecordPathwayFacts, FactResult[]> {
  private readonly logger = new Logger(RecordPathwayFactsHandler.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(command: RecordPathwayFacts): Promise<FactResult[]> {
    const results = new Array<FactResult | undefined>(command.events.length);
    const byCase = new Map<string, number[]>();
    command.events.forEach((event, index) => {
      const stream = streamNameFor(command.la, event.caseId);
      const indexes = byCase.get(stream);
      if (indexes) indexes.push(index);
      else byCase.set(stream, [index]);
    });

    const streams = [...byCase.entries()];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < streams.length) {
        const [stream, indexes] = streams[next++]!;
        const caseResults = await this.recordForCase(
          stream,
          indexes.map((i) => command.events[i]!),
        );
        indexes.forEach((i, k) => (results[i] = caseResults[k]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CASES_IN_PARALLEL, streams.length) }, worker));
    return results.map((r) => r!);
  }

  private async recordForCase(stream: string, facts: readonly PathwayEvent[]): Promise<FactResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryRecordForCase(stream, facts);
      } catch (error) {
        if (!(error instanceof ExpectedVersionConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        this.logger.debug(`version conflict on ${stream}, attempt ${attempt + 1}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, 2 ** attempt) * Math.random()));
      }
    }
  }

  private async tryRecordForCase(stream: string, facts: readonly PathwayEvent[]): Promise<FactResult[]> {
    const history = await this.store.readStream(stream);
    const known = new Set(history.map((e) => e.eventId));
    // One fold of the whole history: evolving fact by fact would re-derive the case at every step.
    let state: CaseState = history.length === 0 ? initialState : foldCase(history.map(fromStoredShape));
    const version = history.length === 0 ? -1 : history[history.length - 1]!.streamVersion;
    const now = this.clock.today();

    const results: FactResult[] = [];
    const toAppend: PathwayEvent[] = [];
    const appendedFor = new Map<string, number>();
    for (const fact of facts) {
      if (known.has(fact.eventId)) {
        results.push({ eventId: fact.eventId, status: 'duplicate' });
        continue;
      }
      const decision = decide({ event: fact, now }, state, this.config.calendar);
      if (decision.kind === 'rejected') {
        results.push({ eventId: fact.eventId, status: 'rejected', code: decision.code, message: decision.message });
        continue;
      }
      for (const event of decision.events) {
        state = evolve(state, event);
        known.add(event.eventId);
        toAppend.push(event);
      }
      appendedFor.set(fact.eventId, results.length);
      results.push({ eventId: fact.eventId, status: 'accepted' });
    }
    if (toAppend.length === 0) return results;

    const appended = await this.store.appendToStream(
      stream,
      toAppend.map(toStoredShape),
      version < 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
    );
    // The store knows eventIds of every stream: a fact already stored under another case is a duplicate too.
    for (const outcome of appended.outcomes) {
      const at = appendedFor.get(outcome.eventId);
      if (outcome.status === 'duplicate' && at !== undefined) {
        results[at] = { eventId: outcome.eventId, status: 'duplicate' };
      }
    }
    return results;
  }
}
