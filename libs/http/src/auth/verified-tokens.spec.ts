import { describe, expect, it } from '@jest/globals';
import { VerifiedTokens } from './verified-tokens.js';

describe('verified tokens remembered', () => {
  it('answers a verified token for the TTL, never past its expiry, and forgets it after', () => {
    let now = 1_000_000;
    const tokens = new VerifiedTokens(() => now, 60_000, 10);
    tokens.remember('a', { sub: 'x', exp: (now + 600_000) / 1000 });
    tokens.remember('b', { sub: 'y', exp: (now + 5_000) / 1000 });
    expect(tokens.get('a')).toEqual({ sub: 'x', exp: (1_000_000 + 600_000) / 1000 });
    now += 4_999;
    expect(tokens.get('b')?.sub).toBe('y');
    now += 1;
    // Expired: the next request verifies it again (and jose refuses it then).
    expect(tokens.get('b')).toBeUndefined();
    expect(tokens.get('a')?.sub).toBe('x');
    now += 55_000;
    expect(tokens.get('a')).toBeUndefined();
    expect(tokens.get('never-verified')).toBeUndefined();
  });

  it('keeps nothing already expired, and at most its bound, dropping the oldest', () => {
    const now = 1_000_000;
    const tokens = new VerifiedTokens(() => now, 60_000, 3);
    tokens.remember('expired', { sub: 'x', exp: (now - 1) / 1000 });
    tokens.remember('no-exp', { sub: 'x' });
    expect(tokens.size).toBe(0);
    for (const token of ['1', '2', '3', '4']) tokens.remember(token, { sub: token, exp: (now + 600_000) / 1000 });
    expect(tokens.size).toBe(3);
    expect(tokens.get('1')).toBeUndefined();
    expect(tokens.get('4')?.sub).toBe('4');
  });
});
