/**
 * The benchmark harness: `npm run bench` (one LA over 10 years), `-- --quick` (a few seconds per scenario),
 * `-- --national` (153 LAs, 20 million+ events: import and rebuild). Options: `--only append,import,...`, `--keep`
 * (leave the databases and files), `--cpu-prof DIR` (CPU profiles of the service and workers). It starts what it needs (databases on the local PostgreSQL, the service as a child
 * process on a loopback port), writes `bench-results/<timestamp>.json` and prints a table. Figures are reported
 * against the targets, never asserted.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { profileFor, type BenchProfile } from './profile.js';
import { dropDatabase, serverVersion } from './postgres.js';
import { renderTable, type ScenarioResult } from './report.js';
import { setChildNodeArgs } from './service.js';
import { appendScenario } from './scenarios/append.js';
import { authScenario } from './scenarios/auth.js';
import { importScenario, type ImportedLa } from './scenarios/import.js';
import { kpiScenario } from './scenarios/kpi.js';
import { lagScenario } from './scenarios/lag.js';
import { nationalScenario } from './scenarios/national.js';
import { rebuildScenario } from './scenarios/rebuild.js';
import { storeAppendScenario, type StoreAppendFigures } from './scenarios/store-append.js';

const DEFAULT_SCENARIOS = ['store-append', 'append', 'import', 'rebuild', 'kpi', 'lag', 'auth'] as const;
type ScenarioName = (typeof DEFAULT_SCENARIOS)[number] | 'national';

function failed(scenario: string, started: number, error: unknown): ScenarioResult {
  return {
    scenario,
    title: scenario,
    rows: [],
    targets: [],
    details: {},
    notes: [],
    seconds: (performance.now() - started) / 1000,
    error: error instanceof Error ? error.message.slice(0, 2000) : String(error),
  };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function runScenario(
  name: ScenarioName,
  work: () => Promise<ScenarioResult>,
): Promise<ScenarioResult & { loadBefore: number[]; loadAfter: number[] }> {
  const started = performance.now();
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  process.stderr.write(`bench: ${name}...\n`);
  let result: ScenarioResult;
  try {
    result = await work();
  } catch (error) {
    result = failed(name, started, error);
    process.stderr.write(`bench: ${name} failed: ${result.error}\n`);
  }
  const loadAfter = loadavg().map((l) => Math.round(l * 100) / 100);
  process.stderr.write(`bench: ${name} done in ${result.seconds.toFixed(0)} s\n`);
  return { ...result, loadBefore, loadAfter };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      national: { type: 'boolean', default: false },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
    strict: true,
  });
  if (values['cpu-prof'] !== undefined) {
    // Each child process (service, workers) writes a .cpuprofile there when it exits.
    mkdirSync(values['cpu-prof'], { recursive: true });
    setChildNodeArgs(['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']]);
  }
  const workDir = mkdtempSync('/tmp/ehcp-bench-');
  // The PostgreSQL server (another user) reads the COPY files here.
  chmodSync(workDir, 0o755);
  const profile: BenchProfile = profileFor({ quick: values.quick, national: values.national }, workDir);
  const selected: ScenarioName[] = values.national
    ? ['national']
    : values.only !== undefined
      ? (values.only.split(',').map((s) => s.trim()) as ScenarioName[])
      : [...DEFAULT_SCENARIOS];
  for (const name of selected) {
    if (name !== 'national' && !(DEFAULT_SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`unknown scenario "${name}"; known: ${DEFAULT_SCENARIOS.join(', ')}, national`);
    }
  }

  const startedAt = new Date();
  const environment = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    postgres: await serverVersion(),
    commit: gitCommit(),
    profile: profile.name,
  };
  const results: Array<ScenarioResult & { loadBefore: number[]; loadAfter: number[] }> = [];
  let imported: ImportedLa | undefined;
  let storeFigures: StoreAppendFigures | undefined;
  try {
    for (const name of selected) {
      switch (name) {
        case 'store-append':
          results.push(
            await runScenario(name, async () => {
              const outcome = await storeAppendScenario(profile);
              storeFigures = outcome.figures;
              return outcome.result;
            }),
          );
          break;
        case 'append':
          results.push(await runScenario(name, () => appendScenario(profile, storeFigures)));
          break;
        case 'import':
          results.push(
            await runScenario(name, async () => {
              const outcome = await importScenario(profile);
              imported = outcome.imported;
              return outcome.result;
            }),
          );
          break;
        case 'rebuild':
        case 'kpi': {
          const source = imported;
          if (source === undefined) {
            const missing = failed(name, performance.now(), new Error('needs the import scenario in the same run'));
            results.push({ ...missing, loadBefore: [], loadAfter: [] });
            break;
          }
          results.push(
            await runScenario(name, () =>
              name === 'rebuild' ? rebuildScenario(profile, source) : kpiScenario(profile, source),
            ),
          );
          break;
        }
        case 'lag':
          results.push(await runScenario(name, () => lagScenario(profile)));
          break;
        case 'national':
          results.push(await runScenario(name, () => nationalScenario(profile, values.keep)));
          break;
        case 'auth':
          results.push(await runScenario(name, () => authScenario(profile, results)));
          break;
        default: {
          const unknown: never = name;
          throw new Error(`unknown scenario ${String(unknown)}`);
        }
      }
    }
  } finally {
    if (imported !== undefined && !values.keep) await dropDatabase(imported.database);
    if (!values.keep) rmSync(workDir, { recursive: true, force: true });
  }

  const table = renderTable(results);
  mkdirSync('bench-results', { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join('bench-results', `${stamp}${profile.name === 'default' ? '' : `-${profile.name}`}.json`);
  const loadNote = 'loadBefore/loadAfter: 1, 5 and 15 minute load averages of the machine around each scenario';
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt, environment, loadNote, results, table }, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
  process.stdout.write(
    `\nEHCP Pathway Monitor benchmark (${profile.name}), ${startedAt.toISOString()}, ${environment.cpus} CPUs, ` +
      `Node ${environment.node}, PostgreSQL ${environment.postgres}, commit ${environment.commit}\n\n${table}\n\nwritten to ${file}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
