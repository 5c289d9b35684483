import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareDates, toCivil } from './dates.js';
import { applicationNoticeTimeLimitEnd, tribunalTimeLimitEnd } from './tribunal-time.js';
import { arbitraryDate } from './testing/arbitraries.js';
import { isWorkingDay } from './working-days.js';

describe('tribunalTimeLimitEnd (HESC Rules 2008 r.12(2))', () => {
  it('keeps a working day and moves a weekend or bank holiday to the next working day', () => {
    expect(tribunalTimeLimitEnd('2024-05-03')).toBe('2024-05-03');
    expect(tribunalTimeLimitEnd('2024-05-04')).toBe('2024-05-07'); // Saturday, then the early May bank holiday
    expect(tribunalTimeLimitEnd('2024-12-25')).toBe('2024-12-27');
    expect(tribunalTimeLimitEnd('2024-08-10')).toBe('2024-08-12'); // August only matters for the appeal notice
  });
});

describe('applicationNoticeTimeLimitEnd (HESC Rules 2008 r.12(3)(a))', () => {
  it('moves 25 December to 1 January to the first working day after 1 January', () => {
    expect(applicationNoticeTimeLimitEnd('2024-12-25')).toBe('2025-01-02');
    expect(applicationNoticeTimeLimitEnd('2025-01-01')).toBe('2025-01-02');
    expect(applicationNoticeTimeLimitEnd('2021-12-27')).toBe('2022-01-04'); // 3 January 2022 a substitute holiday
  });

  it('moves a day in August to the first working day after 31 August', () => {
    expect(applicationNoticeTimeLimitEnd('2024-08-01')).toBe('2024-09-02');
    expect(applicationNoticeTimeLimitEnd('2025-08-29')).toBe('2025-09-01');
  });

  it('moves any other non-working day to the next working day', () => {
    expect(applicationNoticeTimeLimitEnd('2024-05-04')).toBe('2024-05-07');
    // A time limit ending on Saturday 23 December 2028 ends before 25 December, so r.12(3)(a) does not apply; r.12(2)
    // lets the act be done on the next working day, Wednesday 27 December.
    expect(applicationNoticeTimeLimitEnd('2028-12-23')).toBe('2028-12-27');
    expect(applicationNoticeTimeLimitEnd('2024-12-24')).toBe('2024-12-24');
  });

  it('gives a working day on or after the last day for 1990-2100, out of August and Christmas when it ends there', () => {
    const inHolidayPeriod = (d: string): boolean => {
      const { month, day } = toCivil(d);
      return month === 8 || (month === 12 && day >= 25) || (month === 1 && day === 1);
    };
    fc.assert(
      fc.property(arbitraryDate(1990, 2100), (d) => {
        const end = applicationNoticeTimeLimitEnd(d);
        expect(compareDates(end, d)).toBeGreaterThanOrEqual(0);
        expect(isWorkingDay(end)).toBe(true);
        if (inHolidayPeriod(d)) expect(inHolidayPeriod(end)).toBe(false);
        else expect(end).toBe(tribunalTimeLimitEnd(d));
      }),
    );
  });
});
