import { badRequest } from '#http';
import { isComplete, weekWindow, type WeekWindow } from '#rollups';

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** A board pack's week: an ISO week (`2024-W10`) from 1990 on, whose Sunday has ended by `today`. */
export function parseBoardPackWeek(week: string, today: string): WeekWindow {
  const match = ISO_WEEK.exec(week);
  if (match === null) throw badRequest(`week must be an ISO week such as 2024-W10, got "${week.slice(0, 20)}"`);
  if (Number(match[1]) < 1990) throw badRequest(`week ${week} is before 1990`);
  let window: WeekWindow;
  try {
    window = weekWindow(week);
  } catch (error) {
    throw badRequest(`week ${week} is not an ISO week: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isComplete(week, today)) throw badRequest(`week ${week} has not ended yet (today is ${today})`);
  return window;
}

/** `format=json|html` wins; otherwise HTML when Accept names text/html before JSON, else JSON. */
export function chooseBoardPackFormat(query: Record<string, unknown>, accept: string | undefined): 'json' | 'html' {
  const unknown = Object.keys(query).filter((name) => name !== 'format');
  if (unknown.length > 0) throw badRequest(`unknown parameter "${unknown[0]}" (known: format)`);
  const format = query['format'];
  if (format !== undefined) {
    if (format === 'json' || format === 'html') return format;
    throw badRequest(`format must be json or html, got ${JSON.stringify(format).slice(0, 40)}`);
  }
  const html = accept?.indexOf('text/html') ?? -1;
  const json = accept?.indexOf('application/json') ?? -1;
  return html >= 0 && (json < 0 || html < json) ? 'html' : 'json';
}
