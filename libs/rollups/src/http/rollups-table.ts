import { flatTable, type Table } from '#kpis';
import type { WeeklyRollup } from '../rollup.js';

/** Weekly rollups as a table: one row per week and revision, every figure a dotted column. */
export function rollupsTable(answer: { la: string; rollups: readonly WeeklyRollup[] }, la: string): Table {
  const weeks = answer.rollups.map((r) => r.week);
  const span = weeks.length === 0 ? 'none' : `${weeks[weeks.length - 1]}-${weeks[0]}`;
  return flatTable(`${la}-weekly-rollups-${span}`, answer.rollups);
}
