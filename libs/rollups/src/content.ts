import { createHash } from 'node:crypto';
import type { WeeklyRollup } from './rollup.js';

/** What a revision is about: the rollup without the fields that say when and from what it was computed. */
export type RollupContent = Omit<WeeklyRollup, 'revision' | 'computedAt' | 'basedOnPosition'>;

export function rollupContent(rollup: WeeklyRollup | RollupContent): RollupContent {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { revision, computedAt, basedOnPosition, ...content } = rollup as WeeklyRollup;
  return content;
}

/** JSON with object keys sorted at every level, so equal content has one spelling whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field !== undefined) sorted[key] = sortKeys(field);
    }
    return sorted;
  }
  return value;
}

/** SHA-256 of the canonical JSON of the rollup's content: equal hashes mean nothing to re-issue. */
export function contentHash(rollup: WeeklyRollup | RollupContent): string {
  return createHash('sha256')
    .update(canonicalJson(rollupContent(rollup)))
    .digest('hex');
}
