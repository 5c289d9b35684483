import { appealDeadline } from '#calendar';
import type { AppealGround, IsoDate } from './events.js';
import type { CaseRecord } from './case-state.js';

/** SEN2 cease reasons that are not a decision the family can appeal: transferred to another LA (5), deceased (8). */
const NOT_APPEALABLE_CEASE: ReadonlySet<number> = new Set([5, 8]);

/**
 * The window to appeal one appealable decision, shown from the decision itself, whether or not an appeal follows.
 * `open`: the window has not closed at `asOf`; `appealed`: an appeal against the decision is registered; `closed`:
 * the window ended with no appeal recorded.
 */
export interface AppealWindowClock {
  readonly against: AppealGround;
  readonly decidedOn: IsoDate;
  readonly decisionEventId: string;
  readonly mediationCertificateOn: IsoDate | null;
  /** The last day to register an appeal (HESC Rules 2008 r.20(1), moved under r.12(2) and r.12(3)(a)). */
  readonly deadline: IsoDate;
  readonly appealId: string | null;
  readonly status: 'open' | 'appealed' | 'closed';
}

interface AppealableDecision {
  readonly against: AppealGround;
  readonly on: IsoDate;
  readonly eventId: string;
}

/**
 * The decisions the family can appeal to the First-tier Tribunal (Children and Families Act 2014 s.51(2)): a refusal
 * to assess, a decision not to issue a plan, the final or an amended plan (its contents), and a decision to cease it.
 */
function appealableDecisions(record: CaseRecord): AppealableDecision[] {
  const decisions: AppealableDecision[] = [];
  for (const cycle of record.cycles) {
    if (cycle.assessmentDecision?.decision === 'refuse') {
      decisions.push({ against: 'refusal-to-assess', ...cycle.assessmentDecision });
    }
    if (cycle.planDecision?.decision === 'no-plan')
      decisions.push({ against: 'refusal-to-issue', ...cycle.planDecision });
  }
  for (const plan of record.plans) {
    if (plan.source !== 'transferred-in') decisions.push({ against: 'plan-contents', ...plan.issued });
    for (const a of plan.amendments) if (a.amendedPlan) decisions.push({ against: 'plan-contents', ...a.amendedPlan });
    if (plan.ceased && !NOT_APPEALABLE_CEASE.has(plan.ceased.reason))
      decisions.push({ against: 'cease', ...plan.ceased });
  }
  return decisions.sort((x, y) => (x.on < y.on ? -1 : x.on > y.on ? 1 : 0));
}

/** Every appealable decision's window at `asOf`, oldest first. */
export function appealWindows(record: CaseRecord, asOf: IsoDate): AppealWindowClock[] {
  return appealableDecisions(record).map((decision) => {
    const certificate = record.mediationCertificates.filter((c) => c.decisionDate === decision.on).pop();
    const deadline = appealDeadline({
      decisionDate: decision.on,
      ...(certificate ? { mediationCertificateDate: certificate.on } : {}),
    });
    const appeal = record.appeals.find((a) => a.decisionDate === decision.on);
    return {
      against: decision.against,
      decidedOn: decision.on,
      decisionEventId: decision.eventId,
      mediationCertificateOn: certificate?.on ?? null,
      deadline,
      appealId: appeal?.appealId ?? null,
      status: appeal ? 'appealed' : asOf > deadline ? 'closed' : 'open',
    };
  });
}
