import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePlanGate } from './describePlanGate.ts';

describePlanGate('embedded', () => ({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-plan-gate-api-')) }));
