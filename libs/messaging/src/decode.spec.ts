import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeEnvelope } from './decode.js';

describe('decodeEnvelope', () => {
  it('returns the parsed JSON of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const decoded = decodeEnvelope(Buffer.from(JSON.stringify(value), 'utf8'));
        expect(decoded).toEqual({ ok: true, envelope: JSON.parse(JSON.stringify(value)) });
      }),
    );
  });

  it('refuses a missing or empty value', () => {
    expect(decodeEnvelope(null)).toMatchObject({ ok: false, code: 'empty_message' });
    expect(decodeEnvelope(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'empty_message' });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(decodeEnvelope(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ ok: false, code: 'invalid_utf8' });
  });

  it('refuses text that is not JSON without quoting it in the reason', () => {
    const secret = '{"caseId": "CASE-123", "birthMonth": "2015-04"';
    const decoded = decodeEnvelope(Buffer.from(secret));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.code).toBe('invalid_json');
    expect(decoded.reason).not.toContain('CASE-123');
    expect(decoded.reason).toContain(`${Buffer.byteLength(secret)} bytes`);
  });
});
