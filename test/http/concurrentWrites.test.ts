import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeConcurrentWrites } from './describeConcurrentWrites.ts';

describeConcurrentWrites('embedded', () => ({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-race-')) }));
