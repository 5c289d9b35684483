/**
 * Summarises a V8 .cpuprofile (from `--cpu-prof`): the frames with the most self time, and self time per file.
 *   node dist/test/bench/cpu-profile-top.js <file.cpuprofile> [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function shortUrl(url: string): string {
  const cut = url.replace(/^file:\/\//, '');
  const nm = cut.lastIndexOf('node_modules/');
  if (nm >= 0) return cut.slice(nm + 'node_modules/'.length);
  const dist = cut.indexOf('/dist/');
  return dist >= 0 ? cut.slice(dist + 1) : cut || '(native)';
}

function main(): void {
  const [file, rowsRaw] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: cpu-profile-top.js <file.cpuprofile> [rows]');
  const rows = Number(rowsRaw ?? '25');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const frames = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, time] of self) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shortUrl(url);
    const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    frames.set(key, (frames.get(key) ?? 0) + time);
    const group = url.includes('node_modules/')
      ? where
          .split('/')
          .slice(0, where.startsWith('@') ? 2 : 1)
          .join('/')
      : where;
    files.set(group, (files.get(group) ?? 0) + time);
  }
  const pct = (t: number): string => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by frame\n`);
  for (const [key, time] of [...frames].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    process.stdout.write(`  ${pct(time)}  ${key}\n`);
  }
  process.stdout.write('\nself time by file or package\n');
  for (const [key, time] of [...files].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    process.stdout.write(`  ${pct(time)}  ${key}\n`);
  }
}

main();
