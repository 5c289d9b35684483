import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROBLEM_TYPES, PROBLEM_TYPE_BASE, problemType } from './problem-types.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('problem types', () => {
  it('are named in one place: no code writes a problem URI of its own', () => {
    const writers = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
      .filter((file) => readFileSync(file, 'utf8').includes('ehcp-monitor.dev/problems'))
      .map((file) => file.slice(ROOT.length + 1));
    expect(writers).toEqual(['libs/http/src/problem-types.ts']);
  });

  it('each have a status and a sentence', () => {
    for (const [name, type] of Object.entries(PROBLEM_TYPES)) {
      expect(problemType(name as keyof typeof PROBLEM_TYPES)).toBe(`${PROBLEM_TYPE_BASE}${name}`);
      expect(type.status.length).toBeGreaterThan(0);
      expect(type.description).toMatch(/\.$/);
    }
  });
});
