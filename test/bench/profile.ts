/** How big and how long each scenario runs: the default run, a quick smoke run, and the national-scale run. */
export interface BenchProfile {
  readonly name: 'default' | 'quick' | 'national';
  /** Repetitions of each cheap measurement (the median is reported). */
  readonly runs: number;
  readonly seed: number;
  /** Working directory for generated files (under /tmp, removed at the end unless --keep). */
  readonly workDir: string;
  readonly append: {
    readonly clients: number;
    readonly seconds: number;
    readonly maxEventsBatch1: number;
    readonly maxEventsBatch1000: number;
    readonly warmupEvents: number;
    readonly pglite: boolean;
  };
  /** The synthetic LA imported, rebuilt and queried: years of activity and plans maintained. */
  readonly la: { readonly years: number; readonly plans?: number };
  /** The import is not cheap (minutes for one LA): `runs` of it, COPY always `runs` of the profile. */
  readonly import: { readonly batchSize: number; readonly concurrency: number; readonly runs: number };
  readonly kpi: { readonly clients: number; readonly seconds: number; readonly maxRequests: number };
  readonly lag: { readonly eventsPerSecond: number; readonly seconds: number; readonly batchSize: number };
  readonly national: {
    readonly las: number;
    readonly years: number;
    readonly plans: number;
    readonly minEvents: number;
    readonly importSeconds: number;
    readonly readSeconds: number;
  };
}

export function profileFor(flags: { quick: boolean; national: boolean }, workDir: string): BenchProfile {
  const quick = flags.quick;
  return {
    name: flags.national ? 'national' : quick ? 'quick' : 'default',
    runs: quick ? 1 : 3,
    seed: 20_251_231,
    workDir,
    append: {
      clients: 16,
      seconds: quick ? 2 : 10,
      maxEventsBatch1: quick ? 4_000 : 60_000,
      maxEventsBatch1000: quick ? 20_000 : 200_000,
      warmupEvents: quick ? 500 : 3_000,
      pglite: true,
    },
    la: quick ? { years: 6, plans: 250 } : { years: 10 },
    import: { batchSize: 1000, concurrency: 4, runs: 1 },
    kpi: { clients: 32, seconds: quick ? 2 : 10, maxRequests: quick ? 1_000 : 20_000 },
    lag: { eventsPerSecond: 1000, seconds: quick ? 4 : 30, batchSize: 50 },
    national: quick
      ? {
          las: 4,
          years: 5,
          plans: 200,
          minEvents: 0,
          importSeconds: 10,
          readSeconds: 10,
        }
      : {
          las: 153,
          years: 5,
          plans: 3_400,
          minEvents: 20_000_000,
          importSeconds: 420,
          readSeconds: 240,
        },
  };
}
