import type { AppealGround, IsoDate } from './events.js';
import type { CalendarSettings } from '#calendar';
import type { CaseState } from './case-state.js';
import { caseClock, DEADLINE_KINDS, type CaseClock, type DeadlineKind } from './clock.js';

/** What a worklist entry asks of the LA: a statutory step, or readiness for an appeal while its window is open. */
export const WORKLIST_STEPS = [...DEADLINE_KINDS, 'appeal-window'] as const;
export type WorklistStep = (typeof WORKLIST_STEPS)[number];

/**
 * One obligation of a case still open and actionable, independent of the day it is looked at: `due` is its
 * deadline, `until` the last day it can still be acted on (after which it drops off the list), and `action` what to
 * do, in plain words.
 */
export interface WorklistEntry {
  readonly step: WorklistStep;
  /** Which cycle, plan, review, amendment, order or decision: unique within the case. */
  readonly ref: string;
  readonly due: IsoDate;
  readonly until: IsoDate | null;
  readonly action: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-03-12` as `12 Mar 2024`. */
export function plainDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

const ACTIONS: Readonly<Record<DeadlineKind, string>> = {
  'assessment-decision': 'Decide whether to assess',
  'no-plan-notice': 'Decide whether to issue a plan',
  'final-plan': 'Issue the final plan',
  'annual-review': 'Hold the annual review meeting',
  'review-decision': 'Notify the review decision',
  'amended-plan': 'Issue the amended plan',
  'phase-transfer': 'Issue the plan amended for the phase transfer',
  'tribunal-order': "Comply with the tribunal's order",
  'transfer-notification': 'Tell the family the plan has transferred, whether you will assess and when you will review',
};

const APPEALS: Readonly<Record<AppealGround, string>> = {
  'refusal-to-assess': 'the refusal to assess',
  'refusal-to-issue': 'the decision not to issue a plan',
  'plan-contents': "the plan's contents",
  'refusal-to-reassess': 'the refusal to re-assess',
  'refusal-to-amend': 'the refusal to amend',
  cease: 'the decision to cease the plan',
};

/**
 * The case's worklist from its clock: every pending statutory step of a case in progress or with a plan in force;
 * for a plan that ceased or transferred out, only the windows to appeal its decisions, while they are open (the LA
 * must be able to answer an appeal, and keeps a ceased plan until the time to appeal has passed). Superseded steps
 * are not on it (the clock lists them, closed, with their outcome). Each request, review, amendment or order gives one
 * entry, its next step.
 *
 * Valid for every day from `clock.asOf` on: compute the clock at the case's latest fact and filter by `until`.
 */
export function worklist(clock: CaseClock): WorklistEntry[] {
  const ended = clock.stage === 'ceased' || clock.stage === 'transferred-out';
  const entries: WorklistEntry[] = ended
    ? []
    : clock.pending.map((p) => ({
        step: p.kind,
        ref: p.ref,
        due: p.due,
        until: p.until,
        action: `${ACTIONS[p.kind]} (due ${plainDate(p.due)})`,
      }));
  if (ended) {
    for (const window of clock.appealWindows) {
      if (window.status !== 'open') continue;
      entries.push({
        step: 'appeal-window',
        ref: `appeal-window-${window.decisionEventId}`,
        due: window.deadline,
        until: window.deadline,
        action: `Be ready for an appeal against ${APPEALS[window.against]} (window closes ${plainDate(window.deadline)})`,
      });
    }
  }
  entries.sort((a, b) => (a.due === b.due ? a.ref.localeCompare(b.ref) : a.due < b.due ? -1 : 1));
  // One entry per request, review, amendment or order: its next step (a request awaiting the decision to assess
  // also owes the final plan by 20 weeks, but the decision is what can be done now).
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.ref) && seen.add(entry.ref));
}

/**
 * A case's worklist from its state: the clock judged at the case's latest business date, which no later day can
 * change except by passing an entry's `until` (no fact is dated after today).
 */
export function caseWorklist(state: CaseState, settings: CalendarSettings): WorklistEntry[] {
  if (state.stage === 'new') return [];
  let latest = state.timeline[0]?.event.occurredOn;
  if (latest === undefined) return [];
  for (const fact of state.timeline) if (fact.event.occurredOn > latest) latest = fact.event.occurredOn;
  return worklist(caseClock(state, latest, settings));
}
