import type { JWTPayload } from 'jose';

/** How long a verified token is answered from memory before its signature is checked again. */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens remembered at most; the oldest go first. */
export const VERIFIED_TOKENS_MAX = 10_000;

interface Entry {
  readonly payload: JWTPayload;
  readonly until: number;
}

/**
 * Tokens whose signature and claims were verified, remembered for a minute (never past their own expiry), so that a
 * client sending the same token with every request pays for one verification a minute rather than one per request.
 * Only verified tokens are kept: a refused one is verified again each time it comes. A key withdrawn from the
 * issuer's key set stops the tokens it signed within the minute.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = VERIFIED_TOKEN_TTL_MS,
    private readonly max = VERIFIED_TOKENS_MAX,
  ) {}

  /** The claims of a token verified before and still within its time here, or undefined. */
  get(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.payload;
    this.entries.delete(token);
    return undefined;
  }

  /** Remembers a verified token until the earlier of its expiry (`exp`, in seconds) and the TTL from now. */
  remember(token: string, payload: JWTPayload): void {
    const now = this.now();
    const expires = typeof payload.exp === 'number' ? payload.exp * 1000 : now;
    const until = Math.min(now + this.ttlMs, expires);
    if (until <= now) return;
    this.entries.delete(token);
    this.entries.set(token, { payload, until });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
