/**
 * Answers shared between requests (a KPI report served from the answer cache) are written as JSON once: the reply
 * serializer keeps the text of each shared answer beside it, so the thousandth request for the same cached report
 * sends the same bytes without walking the object again. Only answers marked with `shareAnswer` are remembered, and
 * a shared answer must not be changed afterwards (the cache never changes its reports).
 */
const shared = new WeakSet<object>();
const written = new WeakMap<object, string>();

/** Marks an answer as shared between requests and unchanging; answers it as given. */
export function shareAnswer<T extends object>(answer: T): T {
  shared.add(answer);
  return answer;
}

/** Whether an answer was marked as shared between requests (and so never changes). */
export function isSharedAnswer(payload: unknown): payload is object {
  return typeof payload === 'object' && payload !== null && shared.has(payload);
}

/** The reply serializer: JSON text, written once per shared answer. */
export function serializeAnswer(payload: unknown): string {
  if (!isSharedAnswer(payload)) return JSON.stringify(payload);
  let text = written.get(payload);
  if (text === undefined) {
    text = JSON.stringify(payload);
    written.set(payload, text);
  }
  return text;
}
