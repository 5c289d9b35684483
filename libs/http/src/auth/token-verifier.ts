import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { VerifiedTokens } from './verified-tokens.js';

/** Asymmetric algorithms only: never `none`, never HS* (a public key must not be usable as an HMAC secret). */
export const ALLOWED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
/** Clock skew tolerated on `exp` and `nbf`. */
export const CLOCK_TOLERANCE_SECONDS = 30;

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

/** Verifies bearer access tokens (JWT) against an issuer's keys, its identifier and the API's audience. */
export class TokenVerifier {
  /** Tokens verified in the last minute, answered without checking the signature again. */
  private readonly verified = new VerifiedTokens();

  private constructor(
    private readonly issuer: string,
    private readonly audience: string,
    private readonly keys: () => Promise<JWTVerifyGetKey>,
  ) {}

  /** The built-in issuer's public keys, held in memory. */
  static local(issuer: string, audience: string, jwks: JSONWebKeySet): TokenVerifier {
    const keys = createLocalJWKSet(jwks);
    return new TokenVerifier(issuer, audience, () => Promise.resolve(keys));
  }

  /**
   * An external issuer: its JWKS is found from its discovery document, cached, and fetched again when a token names
   * a `kid` it does not hold (at most once per `cooldownSeconds`), so a key rotation needs no restart.
   */
  static discover(issuer: string, audience: string, cooldownSeconds = 30): TokenVerifier {
    let keys: Promise<JWTVerifyGetKey> | undefined;
    const load = async (): Promise<JWTVerifyGetKey> => {
      const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!response.ok) throw new Error(`the issuer's discovery document answered ${response.status}`);
      const discovery = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (discovery.issuer !== issuer) throw new Error('the discovery document names another issuer');
      if (typeof discovery.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
      return createRemoteJWKSet(new URL(discovery.jwks_uri), {
        cooldownDuration: cooldownSeconds * 1000,
        cacheMaxAge: 10 * 60 * 1000,
        timeoutDuration: 5000,
      });
    };
    return new TokenVerifier(issuer, audience, () => {
      keys ??= load().catch((error: unknown) => {
        keys = undefined;
        throw error;
      });
      return keys;
    });
  }

  /** How many tokens verified within the last minute are remembered. */
  get rememberedTokens(): number {
    return this.verified.size;
  }

  /**
   * The token's claims, or an InvalidTokenError saying why it is refused. A token verified within the last minute
   * (and not expired since) is answered from memory.
   */
  async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    const keys = await this.keys();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ALLOWED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      this.verified.remember(token, payload);
      return payload;
    } catch (error) {
      throw new InvalidTokenError(error instanceof Error ? error.message : String(error));
    }
  }
}
