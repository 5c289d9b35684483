import { round } from './stats.js';

/** One figure against its target: met, or missed by how much. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: number;
  readonly unit: string;
  readonly goal: number;
  readonly kind: 'at-least' | 'below';
  readonly met: boolean;
  /** e.g. "missed by 1,200 ev/s (40%)". */
  readonly verdict: string;
}

export function atLeast(target: string, measured: number, goal: number, unit: string): TargetCheck {
  const met = measured >= goal;
  const short = goal - measured;
  return {
    target,
    measured: round(measured, 2),
    unit,
    goal,
    kind: 'at-least',
    met,
    verdict: !Number.isFinite(measured)
      ? 'not measured'
      : met
        ? `met (${fmt(measured / goal, 2)}x)`
        : `missed by ${fmt(short)} ${unit} (${fmt((short / goal) * 100, 0)}% short)`,
  };
}

export function below(target: string, measured: number, goal: number, unit: string): TargetCheck {
  const met = measured < goal;
  return {
    target,
    measured: round(measured, 2),
    unit,
    goal,
    kind: 'below',
    met,
    verdict: !Number.isFinite(measured)
      ? 'not measured'
      : met
        ? `met (${fmt((measured / goal) * 100, 0)}% of the limit)`
        : `missed by ${fmt(measured - goal, 1)} ${unit} (${fmt(measured / goal, 2)}x the limit)`,
  };
}

export function fmt(value: number, digits = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly title: string;
  /** Headline rows for the table: label and value (already formatted with unit). */
  readonly rows: ReadonlyArray<readonly [string, string]>;
  readonly targets: readonly TargetCheck[];
  /** Everything measured, for the JSON file. */
  readonly details: Record<string, unknown>;
  readonly notes: readonly string[];
  readonly seconds: number;
  readonly error?: string;
}

/** The short table printed at the end: one block per scenario, then every target. */
export function renderTable(results: readonly ScenarioResult[]): string {
  const lines: string[] = [];
  const width = Math.max(20, ...results.flatMap((r) => r.rows.map(([label]) => label.length)));
  for (const result of results) {
    lines.push(`${result.title}  (${fmt(result.seconds)} s)`);
    if (result.error !== undefined) lines.push(`  FAILED: ${result.error}`);
    for (const [label, value] of result.rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
    for (const note of result.notes) lines.push(`  note: ${note}`);
  }
  const targets = results.flatMap((r) => r.targets);
  if (targets.length > 0) {
    lines.push('', 'Targets');
    const tw = Math.max(...targets.map((t) => t.target.length));
    for (const t of targets) {
      lines.push(
        `  ${t.met ? 'MET   ' : 'MISSED'}  ${t.target.padEnd(tw)}  ${fmt(t.measured, 1)} ${t.unit}: ${t.verdict}`,
      );
    }
  }
  return lines.join('\n');
}
