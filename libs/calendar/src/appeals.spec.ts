import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { appealDeadline } from './appeals.js';
import { compareDates, daysBetween, maxDate, toCivil } from './dates.js';
import { addMonths } from './months.js';
import { isWorkingDay, nextWorkingDayOnOrAfter } from './working-days.js';
import { arbitraryDate } from './testing/arbitraries.js';

describe('appealDeadline', () => {
  it('is two months after the decision', () => {
    expect(appealDeadline({ decisionDate: '2024-03-01' })).toBe('2024-05-01');
    expect(appealDeadline({ decisionDate: '2023-12-31' })).toBe('2024-02-29'); // end-of-month rule
  });

  it('is one month after the mediation certificate when that is later', () => {
    expect(appealDeadline({ decisionDate: '2024-03-01', mediationCertificateDate: '2024-04-20' })).toBe('2024-05-20');
  });

  it('stays two months after the decision when the certificate month ends earlier', () => {
    expect(appealDeadline({ decisionDate: '2024-03-01', mediationCertificateDate: '2024-03-15' })).toBe('2024-05-01');
  });

  it('moves a deadline on 26 December to the first working day in January after 1 January', () => {
    expect(appealDeadline({ decisionDate: '2024-10-26' })).toBe('2025-01-02'); // Thursday 2 January 2025
  });

  it('moves a deadline on 1 January past the weekend that follows it', () => {
    // 1 January 2021 is a Friday; 2 and 3 January are a weekend.
    expect(appealDeadline({ decisionDate: '2020-11-01' })).toBe('2021-01-04');
  });

  it('moves a deadline on 25 December past the New Year substitute day', () => {
    // 2 January 2022 is a Sunday and Monday 3 January is the New Year substitute bank holiday.
    expect(appealDeadline({ decisionDate: '2021-10-25' })).toBe('2022-01-04');
  });

  it('moves a deadline in August to the first working day of September', () => {
    expect(appealDeadline({ decisionDate: '2024-06-10' })).toBe('2024-09-02'); // 1 September 2024 is a Sunday
    expect(appealDeadline({ decisionDate: '2025-06-30' })).toBe('2025-09-01');
  });

  it('moves a deadline that the mediation certificate pushes into August', () => {
    expect(appealDeadline({ decisionDate: '2024-05-10', mediationCertificateDate: '2024-07-05' })).toBe('2024-09-02');
  });

  it('leaves 24 December, 2 January and 31 July alone when they are working days', () => {
    expect(appealDeadline({ decisionDate: '2024-10-24' })).toBe('2024-12-24');
    expect(appealDeadline({ decisionDate: '2024-11-02' })).toBe('2025-01-02');
    expect(appealDeadline({ decisionDate: '2024-05-31' })).toBe('2024-07-31');
  });

  it('moves a deadline on any other non-working day to the next working day (HESC r.12(2))', () => {
    // Refused 4 March 2024: two months end on Saturday 4 May; Monday 6 May is the early May bank holiday.
    expect(appealDeadline({ decisionDate: '2024-03-04' })).toBe('2024-05-07');
    expect(appealDeadline({ decisionDate: '2024-07-29' })).toBe('2024-09-30'); // 29 September 2024 is a Sunday
    expect(appealDeadline({ decisionDate: '2024-01-29' })).toBe('2024-04-02'); // Good Friday 29 March to Tuesday
    expect(appealDeadline({ decisionDate: '2024-03-01', mediationCertificateDate: '2024-04-27' })).toBe(
      '2024-05-28', // 27 May 2024 is the spring bank holiday
    );
  });

  it('rejects invalid dates', () => {
    expect(() => appealDeadline({ decisionDate: '2024-02-30' })).toThrow(/Invalid ISO date/);
    expect(() => appealDeadline({ decisionDate: '2024-02-01', mediationCertificateDate: 'x' })).toThrow(/Invalid/);
  });

  it('is never before either window, a working day, and out of August and Christmas when the window ends there', () => {
    fc.assert(
      fc.property(
        arbitraryDate(1990, 2100),
        fc.option(arbitraryDate(1990, 2100), { nil: undefined }),
        (decisionDate, mediationCertificateDate) => {
          const deadline = appealDeadline({ decisionDate, mediationCertificateDate });
          expect(compareDates(deadline, addMonths(decisionDate, 2))).toBeGreaterThanOrEqual(0);
          if (mediationCertificateDate !== undefined) {
            expect(compareDates(deadline, addMonths(mediationCertificateDate, 1))).toBeGreaterThanOrEqual(0);
          }
          const window =
            mediationCertificateDate === undefined
              ? addMonths(decisionDate, 2)
              : maxDate(addMonths(decisionDate, 2), addMonths(mediationCertificateDate, 1));
          const held = toCivil(window);
          const moved =
            held.month === 8 || (held.month === 12 && held.day >= 25) || (held.month === 1 && held.day === 1);
          expect(isWorkingDay(deadline)).toBe(true);
          if (moved) {
            const { month, day } = toCivil(deadline);
            expect(month === 8 || (month === 12 && day >= 25) || (month === 1 && day === 1)).toBe(false);
            expect(daysBetween(window, deadline)).toBeLessThanOrEqual(38); // 1 August to the first days of September
          } else {
            expect(deadline).toBe(nextWorkingDayOnOrAfter(window));
          }
        },
      ),
    );
  });
});
