import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { StoreConfig } from '../../config.ts';
import { OutcomeUnknownError } from '../../errors.ts';
import { revivedError, type PostedError } from './errorsAcrossThreads.ts';
import type { ImportJob, ImportJobResult } from './importJobs.ts';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Runs imports in the import worker, one at a time, from the API's thread. The
 * worker starts with the first job and is started again if it dies; a job in
 * flight when it dies may or may not have been written, which its error says.
 */
export class ImportRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly storeConfig: StoreConfig;
  private readonly logger: Logger;

  private readonly observe: (kind: string, outcome: string, seconds: number) => void;

  constructor(storeConfig: StoreConfig, logger: Logger, observe: (kind: string, outcome: string, seconds: number) => void = () => {}) {
    this.storeConfig = storeConfig;
    this.logger = logger;
    this.observe = observe;
  }

  /** Runs a job in the worker; resolves with its result or rejects with its domain error. */
  run<J extends ImportJob>(job: J): Promise<ImportJobResult<J>> {
    const id = this.nextId++;
    const started = Date.now();
    const kind = job.kind === 'source' ? (job.request.kind ?? 'detected') : job.kind;
    const running = new Promise<ImportJobResult<J>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.workerOf().postMessage({ id, job });
    });
    running.then(() => this.observe(kind, 'ok', (Date.now() - started) / 1000), (error: { code?: string }) => this.observe(kind, error.code ?? 'error', (Date.now() - started) / 1000));
    return running;
  }

  /** Lets the jobs in flight finish (for up to `graceMs`), then stops the worker. */
  async close(graceMs = 30_000): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const giveUpAt = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 50));
    this.worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private workerOf(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { workerData: { store: this.storeConfig } });
    worker.on('message', (message: { id: number; result?: unknown; error?: PostedError } | { log: 'warn' | 'info'; message: string }) => {
      if ('log' in message) return void this.logger[message.log]({ thread: 'import worker' }, message.message);
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) {
        if (message.error.stack) this.logger.error({ err: message.error }, 'the import worker failed');
        pending.reject(revivedError(message.error));
      } else pending.resolve(message.result);
    });
    worker.on('error', (error) => this.logger.error({ err: error }, 'the import worker crashed'));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, { reject }] of this.pending) {
        this.pending.delete(id);
        reject(new OutcomeUnknownError(`the import worker stopped (exit code ${code}) while it ran this import; it may or may not have been written. Imports are idempotent: sending it again is safe`));
      }
    });
    this.worker = worker;
    return worker;
  }
}
