import fc from 'fast-check';
import { formatIsoDate, type IsoDate } from '../dates.js';
import { daysInMonth } from '../civil.js';

/** Arbitrary valid ISO dates between the given years (inclusive), for property tests. */
export function arbitraryDate(fromYear = 1900, toYear = 2100): fc.Arbitrary<IsoDate> {
  return fc
    .record({
      year: fc.integer({ min: fromYear, max: toYear }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ year, month, day }) => formatIsoDate(year, month, Math.min(day, daysInMonth(year, month))));
}
