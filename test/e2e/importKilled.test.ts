import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describeImportKilled, pollUntil } from './describeImportKilled.ts';

const walSize = (dir: string) => statSync(join(dir, 'data', 'trellis.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0;

describeImportKilled('embedded', 120_000, {
  prepare: async (dir) => ({ TRELLIS_DATA: join(dir, 'data') }),
  // Pages of the open transaction reach the write-ahead log before its commit record does.
  writesUnderWay: async (dir) => {
    const before = walSize(dir);
    await pollUntil('the write-ahead log grew by 64 MiB', async () => walSize(dir) > before + 64 * 2 ** 20);
  },
});
