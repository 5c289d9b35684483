import type { IsoDate } from './dates.js';

/** A year's change to the usual pattern: a usual holiday moved (`moves`, from -> to), or a day added (`adds`). */
export interface OneOffChange {
  readonly moves?: Readonly<Record<IsoDate, IsoDate>>;
  readonly adds?: readonly IsoDate[];
}

/**
 * England & Wales bank holidays changed or added by royal proclamation (Banking and Financial Dealings Act 1971
 * s.1(3)). A new one is announced months ahead: add it here.
 */
export const ONE_OFF_CHANGES: Readonly<Record<number, OneOffChange>> = {
  1973: { adds: ['1973-11-14'] }, // wedding of Princess Anne
  1977: { moves: { '1977-05-30': '1977-06-06' }, adds: ['1977-06-07'] }, // Silver Jubilee
  1981: { adds: ['1981-07-29'] }, // wedding of the Prince of Wales
  1995: { moves: { '1995-05-01': '1995-05-08' } }, // early May holiday moved to VE Day's 50th anniversary
  1999: { adds: ['1999-12-31'] }, // millennium
  2002: { moves: { '2002-05-27': '2002-06-04' }, adds: ['2002-06-03'] }, // Golden Jubilee
  2011: { adds: ['2011-04-29'] }, // royal wedding
  2012: { moves: { '2012-05-28': '2012-06-04' }, adds: ['2012-06-05'] }, // Diamond Jubilee
  2020: { moves: { '2020-05-04': '2020-05-08' } }, // early May holiday moved to VE Day's 75th anniversary
  2022: {
    moves: { '2022-05-30': '2022-06-02' }, // spring holiday moved for the Platinum Jubilee
    adds: ['2022-06-03', '2022-09-19'], // Platinum Jubilee; state funeral of Queen Elizabeth II
  },
  2023: { adds: ['2023-05-08'] }, // coronation of King Charles III
};
