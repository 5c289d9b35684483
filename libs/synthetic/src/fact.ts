import type { EventDataByType, PathwayEventType } from '#pathway';

/** Every pathway fact type a case life produces (corrections and retractions are added by the feed). */
export type LifeEventType = Exclude<PathwayEventType, 'EventCorrected' | 'EventRetracted'>;

/** One true fact of a case's life: its business day (a day number) and its data, before it becomes an envelope. */
export type Fact = {
  [T in LifeEventType]: { readonly day: number; readonly type: T; readonly data: EventDataByType[T] };
}[LifeEventType];

export function fact<T extends LifeEventType>(day: number, type: T, data: EventDataByType[T]): Fact {
  return { day, type, data } as Fact;
}

/** Not a fact: the case life asks to be resumed on `day`, to take a decision then rather than when it was planned. */
export interface Wake {
  readonly day: number;
  readonly type: 'wake';
}

export type LifeStep = Fact | Wake;
