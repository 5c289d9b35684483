import { factSpan, type CaseFact, type FactKind, type FactRow } from '#projections';

/** The rows of one fact kind, typed. */
export function rowsOf<K extends FactKind>(
  rows: readonly FactRow[],
  kind: K,
): FactRow<Extract<CaseFact, { kind: K }>>[] {
  return rows.filter((row): row is FactRow<Extract<CaseFact, { kind: K }>> => row.fact.kind === kind);
}

/** The span of a fact row (see `factSpan`): for KPIs whose every measure dates a row inside its span. */
export function spanOf(row: FactRow): { readonly from: string; readonly until: string | null } {
  return factSpan(row.fact);
}
