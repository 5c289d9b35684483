import { describe, expect, it } from '@jest/globals';
import { fromStoredShape, sameFact, toStoredShape } from './codec.js';
import type { PathwayEvent } from './events.js';

describe('stored shape codec', () => {
  it('round-trips a fact and carries recordedAt from the store', () => {
    const event: PathwayEvent = {
      eventId: '5b2f1f7e-8a4c-4d8e-9b1a-1f2e3d4c5b6a',
      caseId: 'C000123',
      la: '202',
      type: 'AssessmentRequested',
      occurredOn: '2024-01-08',
      source: 'capita-one',
      data: { requestSource: 'school', birthMonth: '2015-03', primaryNeed: 'ASD' },
    };
    const stored = toStoredShape(event);
    expect(stored.metadata).toEqual({ caseId: 'C000123', la: '202', occurredOn: '2024-01-08', source: 'capita-one' });
    expect(fromStoredShape(stored)).toEqual(event);
    expect(fromStoredShape({ ...stored, recordedAt: '2024-01-09T10:00:00.000Z' }).recordedAt).toBe(
      '2024-01-09T10:00:00.000Z',
    );
  });

  it('tells the same fact from another by content: key order and who sent it do not matter', () => {
    const event: PathwayEvent = {
      eventId: '5b2f1f7e-8a4c-4d8e-9b1a-1f2e3d4c5b6a',
      caseId: 'C000123',
      la: '202',
      type: 'AssessmentRequested',
      occurredOn: '2024-01-08',
      source: 'capita-one',
      data: { requestSource: 'school', birthMonth: '2015-03', primaryNeed: 'ASD' },
    };
    const reordered = {
      ...event,
      data: { primaryNeed: 'ASD', birthMonth: '2015-03', requestSource: 'school' },
      recordedAt: '2024-01-09T10:00:00.000Z',
    } as PathwayEvent;
    expect(sameFact(event, reordered)).toBe(true);
    expect(sameFact(event, { ...event, caseId: 'C000124' })).toBe(false);
    expect(sameFact(event, { ...event, occurredOn: '2024-01-09' })).toBe(false);
    expect(sameFact(event, { ...event, data: { ...event.data, primaryNeed: 'SLCN' } })).toBe(false);
  });
});
