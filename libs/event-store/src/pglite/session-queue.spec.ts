import { describe, expect, it } from '@jest/globals';
import { endsExchange } from './session-queue.js';

const typed = (type: string): Uint8Array => new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4]);

describe('endsExchange', () => {
  it('frees the session after Sync, a simple Query, Terminate and untyped startup messages', () => {
    for (const type of ['S', 'Q', 'X']) expect(endsExchange(typed(type))).toBe(true);
    expect(endsExchange(new Uint8Array([0, 0, 0, 8, 4, 210, 22, 47]))).toBe(true);
    expect(endsExchange(new Uint8Array([]))).toBe(true);
  });

  it('keeps the session for the rest of an extended-protocol exchange', () => {
    for (const type of ['P', 'B', 'D', 'E', 'C', 'H', 'd', 'c']) expect(endsExchange(typed(type))).toBe(false);
  });
});
