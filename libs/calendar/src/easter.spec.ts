import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dayOfWeek } from './dates.js';
import { easterSunday } from './easter.js';

/** An independent oracle: the Lilius/Clavius computation as given by C. Tøndering's Calendar FAQ. */
function easterByTondering(year: number): string {
  const g = year % 19;
  const c = Math.floor(year / 100);
  const h = (c - Math.floor(c / 4) - Math.floor((8 * c + 13) / 25) + 19 * g + 15) % 30;
  const i = h - Math.floor(h / 28) * (1 - Math.floor(29 / (h + 1)) * Math.floor((21 - g) / 11));
  const j = (year + Math.floor(year / 4) + i + 2 - c + Math.floor(c / 4)) % 7;
  const l = i - j;
  const month = 3 + Math.floor((l + 40) / 44);
  const day = l + 28 - 31 * Math.floor(month / 4);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('easterSunday', () => {
  it.each([
    [2014, '2014-04-20'],
    [2016, '2016-03-27'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2028, '2028-04-16'],
    [2035, '2035-03-25'],
    [2008, '2008-03-23'],
    [2038, '2038-04-25'], // the latest possible date
    [1818, '1818-03-22'], // the earliest possible date
  ])('falls in %i on %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is a Sunday from 22 March to 25 April and agrees with an independent computation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 4099 }), (year) => {
        const easter = easterSunday(year);
        expect(easter).toBe(easterByTondering(year));
        expect(dayOfWeek(easter)).toBe(7);
        expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
      }),
    );
  });
});
