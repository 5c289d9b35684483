import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { serviceTokens } from './service.js';

export interface HttpAnswer {
  readonly status: number;
  /** The body as text, unzipped when it came gzipped (on first read: the timing is to the last byte received). */
  readonly body: string;
  /** Bytes received (gzipped, when the service sent it so). */
  readonly bytes: number;
  readonly ms: number;
}

/**
 * A keep-alive HTTP/1.1 client for the load generators: node:http with one socket per concurrent client, which costs
 * the harness less CPU per request than fetch, so more of the machine is left to the service. Like a browser or the
 * dashboard it accepts gzip; like wrk or ab it times a request to its last byte and reads the body only when asked
 * (unzipping it then), so the harness spends the shared cores on loading the service, not on reading its answers.
 */
export class LoadClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;
  private readonly token: string | undefined;

  constructor(baseUrl: string, sockets: number) {
    const url = new URL(baseUrl);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
      throw new Error(`the benchmark only talks to loopback addresses, not ${url.hostname}`);
    }
    this.host = url.hostname;
    this.port = Number(url.port);
    this.token = serviceTokens.get(url.origin);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpAnswer> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            'accept-encoding': 'gzip',
            ...(this.token === undefined ? {} : { authorization: `Bearer ${this.token}` }),
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = performance.now() - started;
            const raw = Buffer.concat(chunks);
            const gzipped = res.headers['content-encoding'] === 'gzip';
            let text: string | undefined;
            resolve({
              status: res.statusCode ?? 0,
              bytes: raw.length,
              ms,
              get body(): string {
                text ??= (gzipped ? gunzipSync(raw) : raw).toString('utf8');
                return text;
              },
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs `clients` closed loops, each taking the next unit of work until the work runs out or the time is up (a loop
 * that has started a request finishes it). Returns the wall time in seconds.
 */
export async function closedLoop(
  clients: number,
  maxSeconds: number,
  next: () => (() => Promise<void>) | undefined,
): Promise<number> {
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const work = next();
      if (work === undefined) return;
      await work();
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return (performance.now() - started) / 1000;
}
