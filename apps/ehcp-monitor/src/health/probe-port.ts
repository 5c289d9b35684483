import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/config.js';
import { ComponentStates } from './component-states.js';
import { PROBE_THREAD_SOURCE } from './probe-thread.js';
import { readiness } from './readiness.js';

/** How often the main thread posts its readiness to the probe thread. */
const POST_EVERY_MS = 500;
/** Silence from the main thread longer than this means its event loop is stalled. */
const STALE_MS = 10_000;

/**
 * `PROBE_PORT`: `/health/live` and `/health/ready` also on a port of their own, answered by a thread of their own
 * (see probe-thread.ts) from the readiness the main thread posts every half second. The main port's probes stay.
 */
@Injectable()
export class ProbePort implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProbePort.name);
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listening: Promise<number> | undefined;
  /** Silence from the main thread after which the probes answer 503 (set before start-up to change it). */
  staleMs = STALE_MS;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly states: ComponentStates,
  ) {}

  /** The port the probe thread listens on, once it does; undefined when the probe port is off. */
  port(): Promise<number> | undefined {
    return this.listening;
  }

  onApplicationBootstrap(): void {
    if (this.config.probePort === undefined) return;
    const worker = new Worker(PROBE_THREAD_SOURCE, {
      eval: true,
      workerData: { port: this.config.probePort, host: this.config.host, staleMs: this.staleMs },
    });
    this.worker = worker;
    worker.unref();
    this.listening = new Promise((resolve, reject) => {
      worker.on('message', (message: { type: string; port?: number; message?: string }) => {
        if (message.type === 'listening') {
          this.logger.log(`probes also on http://${this.config.host}:${message.port}/health/ready`);
          resolve(message.port!);
        } else if (message.type === 'error') {
          this.logger.error(`the probe port could not listen: ${message.message}`);
          reject(new Error(message.message));
        }
      });
      worker.on('error', reject);
    });
    this.listening.catch(() => undefined);
    const post = (): void => {
      const { ready, reasons } = readiness(this.states.all());
      worker.postMessage({ type: 'readiness', ready, reasons, at: Date.now() });
    };
    post();
    this.timer = setInterval(post, POST_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    const worker = this.worker;
    if (worker === undefined) return;
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' });
    const bound = setTimeout(() => void worker.terminate(), 2_000);
    await exited;
    clearTimeout(bound);
  }
}
