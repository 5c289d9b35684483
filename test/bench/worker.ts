import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { getChildNodeArgs } from './service.js';

export interface WorkerResult {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly complete: boolean;
  readonly peakRssMiB: number;
}

const WORKER = resolve('dist/test/bench/rebuild-worker.js');

/** Runs the rebuild or the bare read in a child process; its progress lines go to this process's stderr. */
export function runWorker(
  mode: 'rebuild' | 'read',
  connectionString: string,
  maxSeconds: number,
  nodeArgs: readonly string[] = [],
): Promise<WorkerResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [...getChildNodeArgs(), ...nodeArgs, WORKER, mode, connectionString, String(maxSeconds)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${mode} worker exited with ${code}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(out.trim().split('\n').at(-1) ?? '') as WorkerResult);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
