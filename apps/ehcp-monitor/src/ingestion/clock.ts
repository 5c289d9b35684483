/** The service's clock. The domain never reads time itself: "today" arrives as a value. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in England (Europe/London), as `YYYY-MM-DD`. */
  today(): string {
    return londonDate(this.now());
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const londonFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function londonDate(instant: Date): string {
  return londonFormat.format(instant);
}
