/** Turning a message value into an envelope for the handler; failures name the problem, never the content. */
export type DecodedValue =
  | { readonly ok: true; readonly envelope: unknown }
  | { readonly ok: false; readonly code: UndecodableCode; readonly reason: string };

export type UndecodableCode = 'empty_message' | 'invalid_utf8' | 'invalid_json';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeEnvelope(value: Buffer | null): DecodedValue {
  if (value === null || value.length === 0) {
    return { ok: false, code: 'empty_message', reason: 'the message has no value' };
  }
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, code: 'invalid_utf8', reason: 'the message value is not valid UTF-8' };
  }
  try {
    return { ok: true, envelope: JSON.parse(text) as unknown };
  } catch {
    // The parser's own message quotes the input, so it is not passed on.
    return { ok: false, code: 'invalid_json', reason: `the message value (${value.length} bytes) is not valid JSON` };
  }
}
