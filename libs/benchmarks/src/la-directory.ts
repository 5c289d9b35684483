import type { DfeTable } from './dfe-table.js';

/** An LA as the DfE publishes it: three-digit code, ONS code, name and region, from its latest row. */
export interface LocalAuthority {
  readonly code: string;
  readonly onsCode: string;
  readonly name: string;
  readonly region: { readonly code: string; readonly name: string };
  /** The first and last time periods it has figures for (an LA that merged or split stops early). */
  readonly firstPeriod: string;
  readonly lastPeriod: string;
}

/** Every LA in the DfE files, by code; the latest row of any file names it. */
export function buildDirectory(tables: readonly DfeTable[]): ReadonlyMap<string, LocalAuthority> {
  const byCode = new Map<string, LocalAuthority>();
  for (const table of tables) {
    for (const row of table.allRows()) {
      if (row.geography.level !== 'la') continue;
      const period = calendarKey(row.timePeriod);
      const known = byCode.get(row.laCode);
      const firstPeriod = known && calendarKey(known.firstPeriod) <= period ? known.firstPeriod : row.timePeriod;
      const latest = !known || calendarKey(known.lastPeriod) <= period;
      byCode.set(row.laCode, {
        code: row.laCode,
        onsCode: latest ? row.newLaCode : (known?.onsCode ?? row.newLaCode),
        name: latest ? row.laName : (known?.name ?? row.laName),
        region: latest ? { code: row.regionCode, name: row.regionName } : (known?.region ?? { code: '', name: '' }),
        firstPeriod,
        lastPeriod: latest ? row.timePeriod : (known?.lastPeriod ?? row.timePeriod),
      });
    }
  }
  return new Map([...byCode.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** Orders calendar years (2024) and academic years (202425, the January 2025 census) on one scale. */
function calendarKey(timePeriod: string): number {
  return timePeriod.length === 6 ? Number(timePeriod.slice(0, 4)) + 0.5 : Number(timePeriod);
}
