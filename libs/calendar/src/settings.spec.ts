import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_CALENDAR_SETTINGS, resolveCalendarSettings, type CalendarSettings } from './settings.js';

const partialSettings: fc.Arbitrary<Partial<CalendarSettings>> = fc.record(
  {
    countFrom: fc.constantFrom('day0', 'day1'),
    reviewDue: fc.constantFrom('strict', 'anniversary'),
    nextReviewFrom: fc.constantFrom('meeting', 'decision'),
  },
  { requiredKeys: [] },
);

describe('calendar settings', () => {
  it('defaults to day 0, the strict review rule and the next review counted from the meeting', () => {
    expect(DEFAULT_CALENDAR_SETTINGS).toEqual({ countFrom: 'day0', reviewDue: 'strict', nextReviewFrom: 'meeting' });
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_CALENDAR_SETTINGS)).toBe(true);
  });

  it('resolves nothing to the defaults, as a fresh copy', () => {
    const resolved = resolveCalendarSettings();
    expect(resolved).toEqual(DEFAULT_CALENDAR_SETTINGS);
    expect(resolved).not.toBe(DEFAULT_CALENDAR_SETTINGS);
  });

  it('keeps what is set and defaults the rest', () => {
    expect(resolveCalendarSettings({ countFrom: 'day1' })).toEqual({
      countFrom: 'day1',
      reviewDue: 'strict',
      nextReviewFrom: 'meeting',
    });
    expect(
      resolveCalendarSettings({ reviewDue: 'anniversary', nextReviewFrom: 'decision', countFrom: undefined }),
    ).toEqual({
      countFrom: 'day0',
      reviewDue: 'anniversary',
      nextReviewFrom: 'decision',
    });
  });

  it('names every unknown value', () => {
    const bad = { countFrom: 'day2', nextReviewFrom: 'plan' } as unknown as Partial<CalendarSettings>;
    expect(() => resolveCalendarSettings(bad)).toThrow(
      'Invalid calendar settings: countFrom must be one of day0, day1, got "day2"; nextReviewFrom must be one of meeting, decision, got "plan"',
    );
  });

  it('is idempotent, and the explicit default resolves to the default', () => {
    expect(resolveCalendarSettings(DEFAULT_CALENDAR_SETTINGS)).toEqual(resolveCalendarSettings());
    fc.assert(
      fc.property(partialSettings, (partial) => {
        const once = resolveCalendarSettings(partial);
        expect(resolveCalendarSettings(once)).toEqual(once);
        for (const [key, value] of Object.entries(partial)) expect(once[key as keyof CalendarSettings]).toBe(value);
      }),
    );
  });
});
