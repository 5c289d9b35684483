import { toCivil, formatIsoDate, maxDate, type IsoDate } from './dates.js';
import { addMonths } from './months.js';
import { nextWorkingDayOnOrAfter } from './working-days.js';

export interface AppealWindowInput {
  decisionDate: IsoDate;
  mediationCertificateDate?: IsoDate;
}

/**
 * The last day to register an appeal with the First-tier Tribunal (SEND): the later of two months from the decision
 * and one month from the mediation certificate. A deadline from 25 December to 1 January moves to the first working
 * day in January after 1 January; one in August moves to the first working day of September.
 */
export function appealDeadline(input: AppealWindowInput): IsoDate {
  const fromDecision = addMonths(input.decisionDate, 2);
  const deadline =
    input.mediationCertificateDate === undefined
      ? fromDecision
      : maxDate(fromDecision, addMonths(input.mediationCertificateDate, 1));
  const { year, month, day } = toCivil(deadline);
  if (month === 12 && day >= 25) return nextWorkingDayOnOrAfter(formatIsoDate(year + 1, 1, 2));
  if (month === 1 && day === 1) return nextWorkingDayOnOrAfter(formatIsoDate(year, 1, 2));
  if (month === 8) return nextWorkingDayOnOrAfter(formatIsoDate(year, 9, 1));
  return deadline;
}
