import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { describeDemoEstate } from './describeDemoEstate.ts';

describeDemoEstate('the embedded store', async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-demo-')) }));
