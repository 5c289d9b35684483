import { ProgressBar } from './progress.js';
import { str, type CliValues } from './args.js';
import { bearerToken } from './identity.js';
import { TargetUnreachableError } from './target-check.js';

interface RebuildStatus {
  readonly projection: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly position: string;
  readonly head: string;
  readonly error?: string;
}

/** Admin work runs inside the service (which owns the database, embedded or not); the CLI starts it and follows it. */
export async function adminCommand(command: 'rebuild' | 'publish-rollups', values: CliValues): Promise<void> {
  const url = str(values, 'url') ?? 'http://localhost:3000';
  const token = await bearerToken(values, ['admin']);
  const call = (target: string, method: 'GET' | 'POST') => callService(target, method, token);
  if (command === 'publish-rollups') {
    const la = str(values, 'la');
    const body = await call(`${url}/api/v1/admin/rollups/publish${la ? `?la=${encodeURIComponent(la)}` : ''}`, 'POST');
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const projection = str(values, 'projection') ?? 'case-clocks';
  let status = (await call(`${url}/api/v1/admin/projections/${projection}/rebuild`, 'POST')) as RebuildStatus;
  const bar = new ProgressBar(`rebuild ${projection}`, Number(status.head));
  while (status.state === 'running') {
    bar.update(Number(status.position));
    await new Promise((resolve) => setTimeout(resolve, 500));
    status = (await call(`${url}/api/v1/admin/projections/${projection}/rebuild`, 'GET')) as RebuildStatus;
  }
  bar.finish(Number(status.position));
  if (status.state === 'failed')
    throw new Error(`rebuild of ${projection} failed: ${status.error ?? 'unknown reason'}`);
}

async function callService(url: string, method: 'GET' | 'POST', token: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new TargetUnreachableError(url, error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
