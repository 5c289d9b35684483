import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addWeeks } from './weeks.js';
import { daysBetween } from './dates.js';
import { DEFAULT_CALENDAR_SETTINGS } from './settings.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('addWeeks', () => {
  // A request made on Monday 8 January 2024 (day 0).
  const request = '2024-01-08';

  it('gives the 6-week decision deadline', () => {
    expect(addWeeks(request, 6)).toBe('2024-02-19');
  });

  it('gives the 16-week no-plan notice deadline', () => {
    expect(addWeeks(request, 16)).toBe('2024-04-29');
  });

  it('gives the 20-week final plan deadline counting the request as day 0', () => {
    expect(addWeeks(request, 20)).toBe('2024-05-27');
    expect(addWeeks(request, 20, 'day0')).toBe('2024-05-27');
  });

  it('gives the 20-week deadline one day earlier when the request day is day 1', () => {
    expect(addWeeks(request, 20, 'day1')).toBe('2024-05-26');
  });

  it('gives the review decision deadline 4 weeks after the meeting', () => {
    expect(addWeeks('2024-04-16', 4)).toBe('2024-05-14');
  });

  it('gives the amended plan deadline 8 weeks after the amendment notice', () => {
    expect(addWeeks('2024-05-07', 8)).toBe('2024-07-02');
  });

  it('crosses a year end and a leap day', () => {
    expect(addWeeks('2023-12-25', 10)).toBe('2024-03-04');
    expect(addWeeks('2024-03-04', -10)).toBe('2023-12-25');
  });

  it('rejects a fractional number of weeks and an invalid date', () => {
    expect(() => addWeeks('2024-01-08', 1.5)).toThrow(RangeError);
    expect(() => addWeeks('2024-13-08', 1)).toThrow(/Invalid ISO date/);
  });

  it('is 7 days per week from day 0, one fewer from day 1', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -200, max: 200 }), (d, w) => {
        expect(daysBetween(d, addWeeks(d, w))).toBe(7 * w);
        expect(daysBetween(d, addWeeks(d, w, 'day1'))).toBe(7 * w - 1);
      }),
    );
  });

  it('is monotonic in the number of weeks', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -200, max: 200 }), fc.nat(100), (d, w, extra) => {
        expect(daysBetween(addWeeks(d, w), addWeeks(d, w + extra))).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('treats the default setting and the explicit default alike', () => {
    fc.assert(
      fc.property(arbitraryDate(), fc.integer({ min: -60, max: 60 }), (d, w) => {
        expect(addWeeks(d, w)).toBe(addWeeks(d, w, DEFAULT_CALENDAR_SETTINGS.countFrom));
      }),
    );
  });
});
