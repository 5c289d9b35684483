/** An LA's place among the LAs with a figure: 1 is the best (or the largest when neither direction is better). */
export interface Rank {
  readonly position: number;
  readonly of: number;
  /** 1 is the best quarter of LAs, 4 the worst. */
  readonly quartile: 1 | 2 | 3 | 4;
}

/** Standard competition ranking (ties share the better place) of `value` among `values`. */
export function rankAmong(value: number, values: readonly number[], higherIsBetter: boolean | null): Rank {
  const better = higherIsBetter === false ? (other: number) => other < value : (other: number) => other > value;
  const position = 1 + values.filter(better).length;
  const of = values.length;
  const quartile = Math.min(4, Math.max(1, Math.ceil((4 * position) / of))) as Rank['quartile'];
  return { position, of, quartile };
}
