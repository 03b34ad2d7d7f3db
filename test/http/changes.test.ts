import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeChangesApi } from './describeChangesApi.ts';

describeChangesApi('embedded', () => ({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-changes-api-')) }));
