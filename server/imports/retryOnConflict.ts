import { ConflictError } from '../errors.ts';

/** Plans are made on a read and written only if nothing changed since; a few re-plans absorb concurrent writers. */
const attempts = 5;

/** Runs `work` (read, plan, write with `expectedVersion`) again while the store refuses it as planned on an older state. */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === attempts) throw error;
    }
  }
}
