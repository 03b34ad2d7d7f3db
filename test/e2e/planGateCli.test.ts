import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { describePlanGateCli } from './describePlanGateCli.ts';

const dataDir = join(mkdtempSync(join(tmpdir(), 'trellis-plan-gate-cli-')), 'data');
describePlanGateCli('embedded', { TRELLIS_DATA: dataDir }, async () => new EmbeddedGraphStore({ dataDir }));
