import type { CaseFact, FactKind, FactRow } from '#projections';

/** The rows of one fact kind, typed. */
export function rowsOf<K extends FactKind>(
  rows: readonly FactRow[],
  kind: K,
): FactRow<Extract<CaseFact, { kind: K }>>[] {
  return rows.filter((row): row is FactRow<Extract<CaseFact, { kind: K }>> => row.fact.kind === kind);
}
