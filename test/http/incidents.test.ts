import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeIncidentsApi } from './describeIncidentsApi.ts';

describeIncidentsApi('embedded', () => ({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-incidents-api-')) }));
