import { describe, expect, it } from '@jest/globals';
import { isComplete, lastCompleteWeek, recentWeeks, weekWindow } from './weeks.js';

describe('week windows', () => {
  it('gives the Monday, the Sunday and the 12 months ending on the Sunday', () => {
    expect(weekWindow('2024-W02')).toEqual({
      week: '2024-W02',
      weekStart: '2024-01-08',
      weekEnd: '2024-01-14',
      rollingFrom: '2023-01-15',
    });
  });

  it('handles a week that straddles the new year (ISO year of its Thursday)', () => {
    expect(weekWindow('2020-W53')).toMatchObject({ weekStart: '2020-12-28', weekEnd: '2021-01-03' });
    expect(weekWindow('2025-W01')).toMatchObject({ weekStart: '2024-12-30', weekEnd: '2025-01-05' });
  });

  it('applies the end-of-month rule to the rolling year (a Sunday on 29 February)', () => {
    // 2032-02-29 is a Sunday: 12 months earlier is 28 Feb 2031, so the year starts on 1 March 2031.
    expect(weekWindow('2032-W09')).toMatchObject({ weekEnd: '2032-02-29', rollingFrom: '2031-03-01' });
  });

  it('rejects a malformed week or one its year lacks', () => {
    expect(() => weekWindow('2024-2')).toThrow(RangeError);
    expect(() => weekWindow('2021-W53')).toThrow(/weeks 01..52/);
  });

  it('takes the week that ended last Sunday as the last complete one', () => {
    expect(lastCompleteWeek('2024-01-15')).toBe('2024-W02'); // Monday
    expect(lastCompleteWeek('2024-01-14')).toBe('2024-W01'); // Sunday: W02 has not ended
    expect(lastCompleteWeek('2024-01-21')).toBe('2024-W02');
    expect(isComplete('2024-W02', '2024-01-14')).toBe(false);
    expect(isComplete('2024-W02', '2024-01-15')).toBe(true);
  });

  it('lists the recent complete weeks newest first, across the year end', () => {
    const weeks = recentWeeks('2025-01-08', 4);
    expect(weeks).toEqual(['2025-W01', '2024-W52', '2024-W51', '2024-W50']);
    expect(recentWeeks('2024-06-03', 13)).toHaveLength(13);
    expect(new Set(recentWeeks('2024-06-03', 13)).size).toBe(13);
    expect(() => recentWeeks('2024-06-03', 0)).toThrow(RangeError);
  });
});
