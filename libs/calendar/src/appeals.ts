import { maxDate, type IsoDate } from './dates.js';
import { addMonths } from './months.js';
import { applicationNoticeTimeLimitEnd } from './tribunal-time.js';

export interface AppealWindowInput {
  decisionDate: IsoDate;
  mediationCertificateDate?: IsoDate;
}

/**
 * The last day to register an appeal with the First-tier Tribunal (SEND): the later of two months from the decision
 * and one month from the mediation certificate (HESC Rules 2008 r.20(1)), then moved
 * under HESC r.12(3): a deadline from 25 December to 1 January to the first working day after 1 January, one in
 * August to the first working day of September, and any other that is not a working day to the next working day
 * (r.12(2)).
 */
export function appealDeadline(input: AppealWindowInput): IsoDate {
  const fromDecision = addMonths(input.decisionDate, 2);
  const deadline =
    input.mediationCertificateDate === undefined
      ? fromDecision
      : maxDate(fromDecision, addMonths(input.mediationCertificateDate, 1));
  return applicationNoticeTimeLimitEnd(deadline);
}
