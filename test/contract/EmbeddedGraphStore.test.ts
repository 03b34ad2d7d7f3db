import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { describeChangeLedger } from './describeChangeLedger.ts';
import { describeGraphStore } from './describeGraphStore.ts';

const emptyStore = async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-contract-')) });
describeGraphStore('embedded', emptyStore);
describeChangeLedger('embedded', emptyStore);
