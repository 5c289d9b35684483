import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { validatePathwayEvent, type PathwayEvent } from '#pathway';
import { NO_NOISE, generateLa, type GenerateLaOptions } from './generate-la.js';
import { toNdjson } from './ndjson.js';

function sha256(events: Iterable<PathwayEvent>): string {
  const hash = createHash('sha256');
  for (const line of toNdjson(events)) hash.update(line);
  return hash.digest('hex');
}

const SMALL: GenerateLaOptions = { la: '202', seed: 11, plans: 600, years: 3 };
const NOISY: GenerateLaOptions = {
  ...SMALL,
  seed: 12,
  noise: { late: 0.05, outOfOrder: 0.05, corrections: 0.05, retractions: 0.05, duplicates: 0.05 },
};
const END = '2025-12-31';
const DATE_FIELDS = new Set(['from', 'to', 'lastReviewDate', 'decisionDate', 'occurredOn']);

describe('generateLa: determinism', () => {
  it('gives byte-identical NDJSON for the default LA generated twice with one seed', () => {
    const options = { la: '202', seed: 1 };
    expect(sha256(generateLa(options))).toBe(sha256(generateLa(options)));
  });

  it('gives different LAs for different seeds or LA codes', () => {
    const base = sha256(generateLa(SMALL));
    expect(sha256(generateLa({ ...SMALL, seed: SMALL.seed + 1 }))).not.toBe(base);
    expect(sha256(generateLa({ ...SMALL, la: '203' }))).not.toBe(base);
  });

  it('checks its options before generating anything', () => {
    expect(() => generateLa({ la: '2O2', seed: 1 })).toThrow(RangeError);
    expect(() => generateLa({ la: '202', seed: 1.5 })).toThrow(RangeError);
    expect(() => generateLa({ la: '202', seed: 1, years: 0 })).toThrow(RangeError);
    expect(() => generateLa({ la: '202', seed: 1, noise: { late: 0.5 } })).toThrow(RangeError);
    expect(() => generateLa({ la: '202', seed: 1, endDate: '2025-02-30' })).toThrow(RangeError);
  });
});

describe('generateLa: every event is a valid fact', () => {
  let events: PathwayEvent[];
  beforeAll(() => {
    events = [...generateLa(NOISY)];
  });

  it('has the ingestion envelope: valid shape, the LA, the source, a pseudonymous case reference', () => {
    const problems = events.flatMap((event) => {
      const checked = validatePathwayEvent(event);
      if (!checked.ok) return [`${event.eventId}: ${JSON.stringify(checked.errors)}`];
      return event.la === '202' && event.source === 'synthetic' && /^C\d{6}$/.test(event.caseId)
        ? []
        : [`${event.eventId}: ${event.la} ${event.source} ${event.caseId}`];
    });
    expect(problems).toEqual([]);
    expect(events.length).toBeGreaterThan(10_000);
  });

  it('dates nothing after the end date and sends nothing before it happened', () => {
    const problems = events.filter(
      (event) =>
        event.occurredOn > END ||
        event.recordedAt! > `${END}T23:59:59.999Z` ||
        event.recordedAt!.slice(0, 10) < event.occurredOn ||
        Object.entries(event.data).some(
          ([field, value]) => DATE_FIELDS.has(field) && typeof value === 'string' && value > END,
        ),
    );
    expect(problems).toEqual([]);
  });

  it('is in the order it is sent, apart from repeats, which are exact copies with the same eventId', () => {
    const first = new Map<string, string>();
    let latest = '';
    let repeats = 0;
    const problems: string[] = [];
    for (const event of events) {
      const line = JSON.stringify(event);
      const seen = first.get(event.eventId);
      if (seen !== undefined) {
        if (line !== seen) problems.push(`repeat of ${event.eventId} differs`);
        repeats++;
        continue;
      }
      first.set(event.eventId, line);
      if (event.recordedAt! < latest) problems.push(`${event.eventId} sent at ${event.recordedAt} after ${latest}`);
      latest = event.recordedAt!;
    }
    expect(problems).toEqual([]);
    expect(repeats).toBeGreaterThan(0);
  });

  it('corrects and retracts only facts already sent on the same case', () => {
    const sentOnCase = new Map<string, string>();
    let corrections = 0;
    let retractions = 0;
    for (const event of events) {
      if (event.type === 'EventCorrected') {
        corrections++;
        expect(sentOnCase.get(event.data.correctedEventId)).toBe(event.caseId);
        expect(event.data.occurredOn).toBeDefined();
      }
      if (event.type === 'EventRetracted') {
        retractions++;
        expect(sentOnCase.get(event.data.retractedEventId)).toBe(event.caseId);
      }
      sentOnCase.set(event.eventId, event.caseId);
    }
    expect(corrections).toBeGreaterThan(0);
    expect(retractions).toBeGreaterThan(0);
  });

  it('keeps each case coherent once corrections and retractions are applied', () => {
    for (const history of effectiveHistories(events).values()) {
      let request: string | null = null;
      let finalForRequest = false;
      const registered = new Map<string, string>();
      const orders = new Set<string>();
      for (const fact of history) {
        if (fact.type === 'AssessmentRequested') {
          request = fact.occurredOn;
          finalForRequest = false;
        } else if (fact.type === 'FinalPlanIssued') {
          expect(request).not.toBeNull();
          expect(fact.occurredOn >= request!).toBe(true);
          expect(finalForRequest).toBe(false);
          finalForRequest = true;
        } else if (fact.type === 'TribunalAppealRegistered') {
          expect(fact.data.decisionDate <= fact.occurredOn).toBe(true);
          registered.set(fact.data.appealId, fact.occurredOn);
        } else if (
          fact.type === 'TribunalAppealWithdrawn' ||
          fact.type === 'TribunalAppealConceded' ||
          fact.type === 'TribunalAppealDecided'
        ) {
          const on = registered.get(fact.data.appealId);
          expect(on).toBeDefined();
          expect(fact.occurredOn >= on!).toBe(true);
          registered.delete(fact.data.appealId);
          if (fact.type === 'TribunalAppealDecided') for (const order of fact.data.orders) orders.add(order.orderId);
        } else if (fact.type === 'TribunalOrderComplied') {
          expect(orders.has(fact.data.orderId)).toBe(true);
          orders.delete(fact.data.orderId);
        }
      }
    }
  });
});

describe('generateLa: a clean feed', () => {
  it('with no noise sends each case in business-date order, once, with no corrections or retractions', () => {
    const latest = new Map<string, string>();
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const event of generateLa({ ...SMALL, noise: NO_NOISE })) {
      if (event.type === 'EventCorrected' || event.type === 'EventRetracted') problems.push(event.type);
      if (ids.has(event.eventId)) problems.push(`repeated ${event.eventId}`);
      ids.add(event.eventId);
      if (event.occurredOn < (latest.get(event.caseId) ?? '')) problems.push(`${event.eventId} out of date order`);
      latest.set(event.caseId, event.occurredOn);
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBeGreaterThan(10_000);
  });

  it('notifies the family of each transferred-in plan once, after the transfer, mostly within 6 weeks', () => {
    const transferredIn = new Map<string, number>();
    const notices = new Map<string, number>();
    const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    for (const event of generateLa({ ...SMALL, noise: NO_NOISE })) {
      if (event.type === 'PlanTransferredIn') transferredIn.set(event.caseId, dayOf(event.occurredOn));
      if (event.type === 'PlanTransferNotified') {
        expect(notices.has(event.caseId)).toBe(false);
        notices.set(event.caseId, dayOf(event.occurredOn));
      }
    }
    const endDay = dayOf(END);
    let inTime = 0;
    for (const [caseId, day] of transferredIn) {
      const notified = notices.get(caseId);
      // Only a transfer in the last weeks of the period may still be waiting for its notice.
      if (notified === undefined) expect(endDay - day).toBeLessThan(90);
      else {
        expect(notified).toBeGreaterThan(day);
        if (notified - day <= 42) inTime++;
      }
    }
    expect([...notices.keys()].every((caseId) => transferredIn.has(caseId))).toBe(true);
    expect(transferredIn.size).toBeGreaterThan(20);
    expect(inTime / notices.size).toBeGreaterThan(0.75);
    expect(inTime / notices.size).toBeLessThan(0.95);
  });

  it('leaves recordedAt out when asked, and names the source it is given', () => {
    const [event] = generateLa({ ...SMALL, recordedAt: false, source: 'capita-one-export' });
    expect(event).toBeDefined();
    expect('recordedAt' in event!).toBe(false);
    expect(event!.source).toBe('capita-one-export');
  });
});

/** Per case: facts as they count (first copy of each eventId, corrected dates, retracted facts dropped), by date. */
function effectiveHistories(events: readonly PathwayEvent[]): Map<string, PathwayEvent[]> {
  const seen = new Set<string>();
  const byCase = new Map<string, PathwayEvent[]>();
  const corrected = new Map<string, string>();
  const retracted = new Set<string>();
  for (const event of events) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    if (event.type === 'EventCorrected') corrected.set(event.data.correctedEventId, event.data.occurredOn!);
    else if (event.type === 'EventRetracted') retracted.add(event.data.retractedEventId);
    else {
      const list = byCase.get(event.caseId) ?? [];
      list.push(event);
      byCase.set(event.caseId, list);
    }
  }
  for (const [caseId, list] of byCase) {
    const facts = list
      .filter((e) => !retracted.has(e.eventId))
      .map((e): PathwayEvent => ({ ...e, occurredOn: corrected.get(e.eventId) ?? e.occurredOn }));
    // Stable sort by date keeps the order facts of one day were sent in.
    facts.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
    byCase.set(caseId, facts);
  }
  return byCase;
}
