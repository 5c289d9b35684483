import { isSharedAnswer } from '../shared-answers.js';

/**
 * The case references in an answer: every string under a `caseId` key (or in a `caseIds` list), however deep,
 * without duplicates. Walks at most `budget` values so a large answer costs a bounded time.
 */
export function caseIdsIn(answer: unknown, budget = 200_000): { ids: string[]; count: number } {
  const found = new Set<string>();
  const stack: unknown[] = [answer];
  let steps = 0;
  while (stack.length > 0 && steps++ < budget) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'caseId' && typeof inner === 'string') found.add(inner);
        else if (key === 'caseIds' && Array.isArray(inner)) {
          for (const id of inner) if (typeof id === 'string') found.add(id);
        } else if (typeof inner === 'object' && inner !== null) stack.push(inner);
      }
    }
  }
  return { ids: [...found], count: found.size };
}

const sharedFound = new WeakMap<object, { ids: readonly string[]; count: number }>();

/**
 * caseIdsIn, walked once per answer shared between requests (a cached KPI report answers many requests unchanged);
 * a copy each time, so the caller may add to it.
 */
export function caseIdsInAnswer(answer: unknown): { ids: string[]; count: number } {
  if (!isSharedAnswer(answer)) return caseIdsIn(answer);
  let found = sharedFound.get(answer);
  if (found === undefined) {
    found = caseIdsIn(answer);
    sharedFound.set(answer, found);
  }
  return { ids: [...found.ids], count: found.count };
}
