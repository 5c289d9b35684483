import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { NewEvent } from './event-store.js';
import { assertAppendable, eventIdKey, InvalidNewEventError, isUuid, splitDuplicates } from './new-events.js';

const event = (eventId: string): NewEvent => ({ eventId, type: 'ReviewHeld', data: {} });

describe('isUuid', () => {
  it('accepts UUIDs in either case and rejects anything else', () => {
    const id = randomUUID();
    expect(isUuid(id)).toBe(true);
    expect(isUuid(id.toUpperCase())).toBe(true);
    for (const bad of ['', 'case-1', `${id}0`, id.slice(1), id.replaceAll('-', ''), `{${id}}`]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});

describe('assertAppendable', () => {
  it('rejects an empty stream name, a non-UUID eventId and an empty type, naming the event', () => {
    expect(() => assertAppendable('', [])).toThrow(InvalidNewEventError);
    expect(() => assertAppendable('s', [event(randomUUID()), event('not-a-uuid')])).toThrow(/Event 1 .*not a UUID/);
    expect(() => assertAppendable('s', [{ eventId: randomUUID(), type: '', data: {} }])).toThrow(/empty type/);
    expect(() => assertAppendable('s', [event(randomUUID())])).not.toThrow();
  });
});

describe('splitDuplicates', () => {
  it('marks stored ids and repeats within the batch as duplicates, keeping input order', () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const split = splitDuplicates([event(a), event(b), event(a.toUpperCase()), event(c)], new Set([eventIdKey(b)]));
    expect(split.fresh.map((e) => e.eventId)).toEqual([a, c]);
    expect(split.outcomes).toEqual([
      { eventId: a, status: 'appended' },
      { eventId: b, status: 'duplicate' },
      { eventId: a.toUpperCase(), status: 'duplicate' },
      { eventId: c, status: 'appended' },
    ]);
  });

  it('stores each id at most once and reports every input event', () => {
    const ids = fc.constantFrom(...Array.from({ length: 6 }, () => randomUUID()));
    fc.assert(
      fc.property(fc.array(ids, { maxLength: 20 }), fc.array(ids, { maxLength: 6 }), (batch, stored) => {
        const storedKeys = new Set(stored.map(eventIdKey));
        const split = splitDuplicates(batch.map(event), storedKeys);
        expect(split.outcomes.map((outcome) => outcome.eventId)).toEqual(batch);
        const freshIds = split.fresh.map((e) => e.eventId);
        expect(new Set(freshIds).size).toBe(freshIds.length);
        expect(freshIds.some((id) => storedKeys.has(id))).toBe(false);
        expect(new Set(freshIds)).toEqual(new Set(batch.filter((id) => !storedKeys.has(id))));
        expect(split.outcomes.filter((outcome) => outcome.status === 'appended')).toHaveLength(freshIds.length);
      }),
    );
  });
});
