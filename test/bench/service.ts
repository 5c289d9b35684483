import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { mintToken } from '#http';
import { LA_CODES } from '#synthetic';
import { loadConfig } from '../../apps/ehcp-monitor/src/config/config.js';
import { builtInIssuerOptions } from '../../apps/ehcp-monitor/src/identity/identity.module.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { peakRssMiBOf } from './memory.js';

const MAIN = resolve('dist/apps/ehcp-monitor/src/main.js');

/** Node options for every child process the benchmark starts (e.g. --cpu-prof). */
let childNodeArgs: readonly string[] = [];
export function setChildNodeArgs(args: readonly string[]): void {
  childNodeArgs = args;
}
export function getChildNodeArgs(): readonly string[] {
  return childNodeArgs;
}

export interface ServiceOptions {
  /** A PostgreSQL connection string; undefined runs embedded PGlite in `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir?: string;
  /** ROLES for the service (default all). */
  readonly roles?: string;
  readonly nodeArgs?: readonly string[];
  /** Another entry point than the service's main.js (compiled path, relative to the repository). */
  readonly entry?: string;
}

/** A free loopback port (the kernel picks it; there is a short window in which another process could take it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The access token (manager, case system and admin of every LA) of each running service, by its URL. */
export const serviceTokens = new Map<string, string>();

/** The service as a child process on an ephemeral loopback port, so its memory and CPU are its own. */
export class ServiceProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly stderr: string[],
    /** The probe port's base URL (PROBE_PORT): /health/ready answered by a thread of its own. */
    readonly probeUrl: string,
  ) {}

  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const probePort = await freePort();
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ehcp-bench-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      PROBE_PORT: String(probePort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: '',
      ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...(options.roles === undefined ? {} : { ROLES: options.roles }),
    };
    const child = spawn(
      process.execPath,
      [...childNodeArgs, ...(options.nodeArgs ?? []), options.entry === undefined ? MAIN : resolve(options.entry)],
      {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const stderr: string[] = [];
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr.push(chunk);
      if (stderr.length > 200) stderr.shift();
    });
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`, stderr, `http://127.0.0.1:${probePort}`);
    await service.waitHealthy(120_000);
    const config = loadConfig({ PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: service.url });
    const { accessToken } = await mintToken(
      builtInIssuerOptions(config),
      ['manager', 'case-system', 'admin'],
      LA_CODES,
    );
    serviceTokens.set(service.url, accessToken);
    return service;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Peak resident set since start, in MiB. */
  peakRssMiB(): number | undefined {
    return peakRssMiBOf(this.pid);
  }

  /** Recent standard error (warnings and errors), for the report when something fails. */
  errors(): string {
    return this.stderr.join('').slice(-4000);
  }

  private async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`the service exited with ${this.child.exitCode}: ${this.errors()}`);
      }
      try {
        const response = await fetch(`${this.url}/health/live`);
        await response.arrayBuffer();
        if (response.status < 500 || response.status === 503) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the service did not answer /health within ${timeoutMs} ms: ${this.errors()}`);
  }

  /** Stops the service (SIGTERM, then SIGKILL after 20 s); returns its peak resident set in MiB. */
  async stop(): Promise<number | undefined> {
    const peak = this.peakRssMiB();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return peak;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
    return peak;
  }
}
