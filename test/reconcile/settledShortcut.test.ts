import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { describeSettledShortcut } from './describeSettledShortcut.ts';

describeSettledShortcut('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-settled-'));
  const store = new EmbeddedGraphStore({ dataDir: dir });
  const close = store.close.bind(store);
  return Object.assign(store, { close: async () => { await close(); rmSync(dir, { recursive: true, force: true }); } });
}, 150);
