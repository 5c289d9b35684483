import { readFileSync } from 'node:fs';
import { parseSchedule } from '#rollups';
import { DEFAULT_CASE_CACHE_ENTRIES } from '../ingestion/case-cache.js';

/**
 * Service configuration, read once from the environment and validated at start-up.
 * Every bad setting is reported together, so an operator fixes them in one go.
 */
export type EventStoreKind = 'postgres' | 'kurrentdb';
export type Role = 'api' | 'projector' | 'ingest' | 'rollups';
export const ALL_ROLES: readonly Role[] = ['api', 'projector', 'ingest', 'rollups'];

export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** PostgreSQL connection string; undefined means embedded PostgreSQL (PGlite) in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly eventStore: EventStoreKind;
  readonly kurrentDbConnectionString: string | undefined;
  /** Kafka brokers; empty means Kafka is off (rollups are served over HTTP only). */
  readonly kafkaBrokers: readonly string[];
  /** Topic names and the consumer group (overridable so that deployments and tests can share a broker). */
  readonly kafka: {
    readonly eventsTopic: string;
    readonly deadLetterTopic: string;
    readonly groupId: string;
    /** SASL credentials; undefined: no SASL. */
    readonly sasl?: KafkaSasl;
    /** TLS to the brokers (certificates always verified); undefined: plaintext. */
    readonly tls?: { readonly ca?: string };
    /** Seconds a partition may stay behind (lag > 0) without progress before readiness fails. */
    readonly stallSeconds: number;
  };
  readonly roles: ReadonlySet<Role>;
  readonly calendar: {
    readonly countFrom: 'day0' | 'day1';
    readonly reviewDue: 'strict' | 'anniversary';
    readonly nextReviewFrom: 'meeting' | 'decision';
  };
  /** Largest batch accepted by POST .../events. */
  readonly maxBatchSize: number;
  /** A second port answering /health/live and /health/ready from a thread of its own (undefined: off). */
  readonly probePort: number | undefined;
  /** Cases the write path keeps folded in memory (least recently written out first). */
  readonly caseCacheEntries: number;
  /** Five-field cron (Europe/London) of the weekly rollup run. */
  readonly rollupSchedule: string;
  /** Least severe log level written: error, warn or log. */
  readonly logLevel: LogLevel;
  /** The URL people and clients reach the service at (the built-in issuer's identifier is `<publicUrl>/oidc`). */
  readonly publicUrl: string;
  readonly auth: AuthConfig;
  /** Browser origins allowed by CORS; empty means CORS is off. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute per caller (token subject, else address) before a 429. */
  readonly rateLimitPerMinute: number;
  /** Printing board packs to PDF with headless Chromium. */
  readonly pdf: PdfConfig;
}

export interface PdfConfig {
  /** The Chromium executable; where it is missing, PDF routes answer 501. */
  readonly executablePath: string;
  /** Most PDFs rendered at once (one browser each). */
  readonly concurrency: number;
  /** Most renders waiting for a turn before a 503. */
  readonly queueLimit: number;
  readonly timeoutMs: number;
}

export interface AuthConfig {
  /** An external OpenID Connect issuer; undefined runs the built-in issuer at `<publicUrl>/oidc`. */
  readonly issuerUrl: string | undefined;
  /** The `aud` access tokens must carry. */
  readonly audience: string;
  readonly rolesClaim: string;
  readonly lasClaim: string;
  /** Least seconds between two fetches of the issuer's JWKS on an unknown `kid`. */
  readonly jwksCooldownSeconds: number;
  /** Lifetime of the built-in issuer's access tokens. */
  readonly accessTokenTtlSeconds: number;
}

export interface KafkaSasl {
  readonly mechanism: 'scram-sha-512' | 'scram-sha-256';
  readonly username: string;
  readonly password: Secret;
}

/** A secret setting: `[redacted]` in logs, JSON and util.inspect; `reveal()` gives the value to the one user. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[redacted]';
  }
}

/** The issuer identifier the service trusts. */
export function issuerOf(config: ServiceConfig): string {
  return config.auth.issuerUrl ?? `${config.publicUrl}/oidc`;
}

export type LogLevel = 'error' | 'warn' | 'log';

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}="${raw}" is not one of: ${allowed.join(', ')}`);
  return fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

export function loadConfig(env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  const maxBatchSize = integer(env, 'MAX_BATCH_SIZE', 1000, 1, 10000, problems);

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }

  const eventStore = oneOf<EventStoreKind>(env, 'EVENT_STORE', ['postgres', 'kurrentdb'], 'postgres', problems);
  const kurrentDbConnectionString = env.KURRENTDB_CONNECTION_STRING || undefined;
  if (eventStore === 'kurrentdb') {
    if (kurrentDbConnectionString === undefined) {
      problems.push(
        'EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
      );
    } else if (!/^(kurrentdb|kurrent|esdb|kdb)(\+discover)?:\/\//.test(kurrentDbConnectionString)) {
      problems.push(
        'KURRENTDB_CONNECTION_STRING must start with kurrentdb://, kurrentdb+discover://, esdb:// or kdb://',
      );
    }
  }

  const kafkaBrokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  for (const broker of kafkaBrokers) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(broker)) {
      problems.push(`KAFKA_BROKERS entry "${broker}" must be host:port`);
    }
  }

  const kafka = {
    eventsTopic: env.KAFKA_EVENTS_TOPIC || 'ehcp.pathway-events.v1',
    deadLetterTopic: env.KAFKA_DEAD_LETTER_TOPIC || 'ehcp.pathway-events.dlq.v1',
    groupId: env.KAFKA_GROUP_ID || 'ehcp-monitor.ingest',
    ...kafkaSecurity(env, problems),
    stallSeconds: integer(env, 'KAFKA_STALL_SECONDS', 60, 1, 86_400, problems),
  };
  for (const [name, value] of Object.entries({
    KAFKA_EVENTS_TOPIC: kafka.eventsTopic,
    KAFKA_DEAD_LETTER_TOPIC: kafka.deadLetterTopic,
    KAFKA_GROUP_ID: kafka.groupId,
  })) {
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(value))
      problems.push(`${name}="${value}" may hold only letters, digits, . _ -`);
  }

  const roles = new Set<Role>();
  const rolesRaw = env.ROLES?.trim();
  if (rolesRaw === undefined || rolesRaw === '' || rolesRaw === 'all') {
    ALL_ROLES.forEach((r) => roles.add(r));
  } else {
    for (const role of rolesRaw.split(',').map((r) => r.trim())) {
      if ((ALL_ROLES as readonly string[]).includes(role)) roles.add(role as Role);
      else problems.push(`ROLES entry "${role}" is not one of: ${ALL_ROLES.join(', ')}, all`);
    }
  }

  const calendar = {
    countFrom: oneOf(env, 'COUNT_FROM', ['day0', 'day1'] as const, 'day0', problems),
    reviewDue: oneOf(env, 'REVIEW_DUE', ['strict', 'anniversary'] as const, 'strict', problems),
    nextReviewFrom: oneOf(env, 'NEXT_REVIEW_FROM', ['meeting', 'decision'] as const, 'meeting', problems),
  };

  const rollupSchedule = env.ROLLUP_SCHEDULE?.trim() || '0 6 * * 1';
  try {
    parseSchedule(rollupSchedule);
  } catch (error) {
    problems.push(`ROLLUP_SCHEDULE: ${error instanceof Error ? error.message : String(error)}`);
  }

  const logLevel = oneOf<LogLevel>(env, 'LOG_LEVEL', ['error', 'warn', 'log'], 'log', problems);

  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\/[^/?#]+$/.test(publicUrl))
    problems.push('PUBLIC_URL must be an http(s) origin such as https://ehcp.example.gov.uk');
  const issuerUrl = env.OIDC_ISSUER_URL?.trim() || undefined;
  if (issuerUrl !== undefined && !/^https?:\/\/\S+$/.test(issuerUrl))
    problems.push('OIDC_ISSUER_URL must be an http(s) URL');
  const claimName = (name: string, fallback: string): string => {
    const value = env[name]?.trim() || fallback;
    if (!/^[A-Za-z0-9_:./-]{1,200}$/.test(value)) problems.push(`${name}="${value}" is not a claim name`);
    return value;
  };
  const auth: AuthConfig = {
    issuerUrl,
    audience: env.OIDC_AUDIENCE?.trim() || 'api://ehcp-monitor',
    rolesClaim: claimName('OIDC_ROLES_CLAIM', 'roles'),
    lasClaim: claimName('OIDC_LAS_CLAIM', 'las'),
    jwksCooldownSeconds: integer(env, 'OIDC_JWKS_COOLDOWN_SECONDS', 30, 0, 3600, problems),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 60, 86400, problems),
  };
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/?#\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS entry "${origin}" must be an origin like https://host`);
  }
  const rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000, problems);
  const probePort = env.PROBE_PORT ? integer(env, 'PROBE_PORT', 0, 0, 65535, problems) : undefined;
  const caseCacheEntries = integer(env, 'CASE_CACHE_ENTRIES', DEFAULT_CASE_CACHE_ENTRIES, 0, 10_000_000, problems);

  const pdf: PdfConfig = {
    executablePath: env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    concurrency: integer(env, 'PDF_RENDER_CONCURRENCY', 2, 1, 16, problems),
    queueLimit: integer(env, 'PDF_RENDER_QUEUE', 8, 0, 1000, problems),
    timeoutMs: integer(env, 'PDF_RENDER_TIMEOUT_SECONDS', 30, 1, 600, problems) * 1000,
  };

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: env.DATA_DIR || './data',
    eventStore,
    kurrentDbConnectionString,
    kafkaBrokers,
    kafka,
    roles,
    calendar,
    maxBatchSize,
    caseCacheEntries,
    probePort,
    rollupSchedule,
    logLevel,
    publicUrl,
    auth,
    corsOrigins,
    rateLimitPerMinute,
    pdf,
  };
}

/** KAFKA_SASL_* and KAFKA_TLS*: checked together, read from files where given; no value is ever echoed. */
function kafkaSecurity(env: Env, problems: string[]): { sasl?: KafkaSasl; tls?: { ca?: string } } {
  const result: { sasl?: KafkaSasl; tls?: { ca?: string } } = {};
  const mechanism = oneOf(
    env,
    'KAFKA_SASL_MECHANISM',
    ['scram-sha-512', 'scram-sha-256'] as const,
    'scram-sha-512',
    problems,
  );
  const username = env.KAFKA_SASL_USERNAME?.trim() || undefined;
  let password = env.KAFKA_SASL_PASSWORD || undefined;
  const passwordFile = env.KAFKA_SASL_PASSWORD_FILE?.trim() || undefined;
  if (passwordFile !== undefined) {
    if (password !== undefined) problems.push('set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
    password = readSetting(passwordFile, 'KAFKA_SASL_PASSWORD_FILE', problems)?.replace(/\r?\n$/, '');
  }
  const saslAsked = username !== undefined || password !== undefined || (env.KAFKA_SASL_MECHANISM ?? '') !== '';
  if (saslAsked) {
    if (username === undefined || password === undefined || password === '') {
      problems.push('Kafka SASL needs both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)');
    } else {
      result.sasl = { mechanism, username, password: new Secret(password) };
    }
  }
  const tls = oneOf(env, 'KAFKA_TLS', ['true', 'false'] as const, 'false', problems) === 'true';
  const caFile = env.KAFKA_TLS_CA_FILE?.trim() || undefined;
  if (caFile !== undefined && !tls) problems.push('KAFKA_TLS_CA_FILE is set but KAFKA_TLS is not true');
  if (tls) {
    const ca = caFile === undefined ? undefined : readSetting(caFile, 'KAFKA_TLS_CA_FILE', problems);
    if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
      problems.push('KAFKA_TLS_CA_FILE must hold PEM certificates (-----BEGIN CERTIFICATE-----)');
    }
    result.tls = ca === undefined ? {} : { ca };
  }
  return result;
}

function readSetting(path: string, name: string, problems: string[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    problems.push(`${name}: cannot read ${path} (${typeof code === 'string' ? code : 'unreadable'})`);
    return undefined;
  }
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
