/**
 * Readings of the law that differ between authorities and published measures. Each has a documented default.
 */

/** `day0`: the request date is day 0, so "within 20 weeks" ends on R + 140 days. `day1`: LG Inform's reading, the
 * request date is day 1, so it ends on R + 139 days. */
export type CountFrom = 'day0' | 'day1';

/** `strict`: a review is due within 12 months *beginning with* the date (the anniversary minus one day).
 * `anniversary`: due on the anniversary itself. */
export type ReviewDueRule = 'strict' | 'anniversary';

/** Whether the next annual review's 12 months run from the review meeting or from the review decision. */
export type NextReviewFrom = 'meeting' | 'decision';

export interface CalendarSettings {
  countFrom: CountFrom;
  reviewDue: ReviewDueRule;
  nextReviewFrom: NextReviewFrom;
}

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  countFrom: 'day0',
  reviewDue: 'strict',
  nextReviewFrom: 'meeting',
});

const ALLOWED = {
  countFrom: ['day0', 'day1'],
  reviewDue: ['strict', 'anniversary'],
  nextReviewFrom: ['meeting', 'decision'],
} as const satisfies { [K in keyof CalendarSettings]: readonly CalendarSettings[K][] };

/**
 * Complete settings from a partial set (unset or undefined fields take the default). Throws a RangeError naming every
 * unknown value, so a bad configuration fails at start-up rather than silently taking a default.
 */
export function resolveCalendarSettings(input: Partial<CalendarSettings> = {}): CalendarSettings {
  const resolved = { ...DEFAULT_CALENDAR_SETTINGS };
  const problems: string[] = [];
  for (const key of Object.keys(ALLOWED) as (keyof CalendarSettings)[]) {
    const value = input[key];
    if (value === undefined) continue;
    const allowed: readonly string[] = ALLOWED[key];
    if (allowed.includes(value)) {
      Object.assign(resolved, { [key]: value });
    } else {
      problems.push(`${key} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
  if (problems.length > 0) throw new RangeError(`Invalid calendar settings: ${problems.join('; ')}`);
  return resolved;
}
