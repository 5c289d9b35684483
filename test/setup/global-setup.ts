/**
 * Jest global setup for the integration and end-to-end tiers: makes sure the real services answer before any
 * test starts, so the README's test command needs nothing started by hand.
 *
 * - PostgreSQL on 127.0.0.1:5432: started with pg_ctlcluster when it does not answer.
 * - Kafka: when KAFKA_BROKERS is unset, infra/kafka/kafka.sh starts (or reuses) the local single-node broker and
 *   KAFKA_BROKERS is set for the tests. Set before any test environment exists, it reaches every test file.
 * - Kafka's SCRAM-SHA-512 listeners (plain and TLS): unless KAFKA_SCRAM_BROKERS is set, the local broker's (ports
 *   9094 and 9095, the CA its script wrote) are exported as KAFKA_SCRAM_BROKERS, KAFKA_SCRAM_TLS_BROKERS and
 *   KAFKA_SCRAM_CA_FILE when they answer; a broker started by an older script has none, which is a problem.
 *
 * Under CI=true a service that cannot be brought up fails the run with the reason; elsewhere it is a warning and
 * the tests that need the service fail on their own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

// Jest loads this file outside its module map, so it imports nothing of the project's (same default as services.ts).
const PG_ADMIN_URL = process.env['PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOCAL_KAFKA = '127.0.0.1:9092';
const LOCAL_KAFKA_SCRAM = '127.0.0.1:9094';
const LOCAL_KAFKA_SCRAM_TLS = '127.0.0.1:9095';
// Where infra/kafka/kafka.sh keeps the TLS listener's certificate for the default port.
const LOCAL_KAFKA_CA = join(process.env['TMPDIR'] ?? '/tmp', 'ehcp-kafka-9092', 'tls', 'broker-ca.pem');
const PG_START_TIMEOUT_MS = 30_000;
// A fresh machine first downloads the Kafka jars from Maven Central.
const KAFKA_START_TIMEOUT_MS = 300_000;

export default async function globalSetup(_globalConfig: unknown, projectConfig: { rootDir: string }): Promise<void> {
  const problems: string[] = [];
  await ensurePostgres().catch((error: unknown) => problems.push(reason(error)));
  await ensureKafka(join(projectConfig.rootDir, 'infra/kafka/kafka.sh')).catch((error: unknown) =>
    problems.push(reason(error)),
  );
  await findScramListeners().catch((error: unknown) => problems.push(reason(error)));
  if (problems.length === 0) return;

  const message = `test services unavailable:\n  - ${problems.join('\n  - ')}`;
  if (process.env['CI'] === 'true') throw new Error(message);
  process.stderr.write(`\nWARNING ${message}\n`);
}

async function ensurePostgres(): Promise<void> {
  const url = PG_ADMIN_URL;
  if (await postgresAnswers(url)) return;
  const clusters = safeReaddir('/etc/postgresql');
  const version = clusters[0];
  if (version === undefined) throw new Error(`PostgreSQL does not answer at ${redact(url)} and none is installed`);
  process.stderr.write(`\nStarting PostgreSQL ${version} (cluster main)...\n`);
  try {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: PG_START_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(`pg_ctlcluster could not start PostgreSQL ${version}: ${reason(error)}`, { cause: error });
  }
  const deadline = Date.now() + PG_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await postgresAnswers(url)) return;
    await sleep(500);
  }
  throw new Error(`PostgreSQL was started but does not answer at ${redact(url)}`);
}

async function ensureKafka(kafkaScript: string): Promise<void> {
  const configured = process.env['KAFKA_BROKERS'];
  if (configured !== undefined && configured.trim() !== '') {
    const first = configured.split(',')[0]!.trim();
    if (!(await tcpAnswers(first))) throw new Error(`KAFKA_BROKERS is set but ${first} does not accept connections`);
    return;
  }
  try {
    execFileSync('bash', [kafkaScript, 'start'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: KAFKA_START_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(`the local Kafka broker did not start (${kafkaScript}): ${reason(error)}`, { cause: error });
  }
  process.env['KAFKA_BROKERS'] = LOCAL_KAFKA;
}

async function findScramListeners(): Promise<void> {
  const configured = process.env['KAFKA_SCRAM_BROKERS'];
  if (configured !== undefined && configured.trim() !== '') {
    const first = configured.split(',')[0]!.trim();
    if (!(await tcpAnswers(first)))
      throw new Error(`KAFKA_SCRAM_BROKERS is set but ${first} does not accept connections`);
    return;
  }
  if (!(await tcpAnswers(LOCAL_KAFKA_SCRAM)) || !(await tcpAnswers(LOCAL_KAFKA_SCRAM_TLS))) {
    throw new Error(
      `no Kafka SCRAM listener answers on ${LOCAL_KAFKA_SCRAM} and ${LOCAL_KAFKA_SCRAM_TLS}: the broker on ` +
        `${LOCAL_KAFKA} was started by an older infra/kafka/kafka.sh (stop and start it), or set KAFKA_SCRAM_BROKERS`,
    );
  }
  if (!existsSync(LOCAL_KAFKA_CA)) throw new Error(`the local broker's certificate ${LOCAL_KAFKA_CA} is missing`);
  process.env['KAFKA_SCRAM_BROKERS'] = LOCAL_KAFKA_SCRAM;
  process.env['KAFKA_SCRAM_TLS_BROKERS'] = LOCAL_KAFKA_SCRAM_TLS;
  process.env['KAFKA_SCRAM_CA_FILE'] ??= LOCAL_KAFKA_CA;
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function tcpAnswers(hostPort: string): Promise<boolean> {
  const separator = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, separator);
  const port = Number(hostPort.slice(separator + 1));
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
