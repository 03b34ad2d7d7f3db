import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terraformState } from '../../bench/syntheticSources.ts';
import { importText } from '../../server/imports/importText.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { Batch, GraphStore } from '../../server/store/GraphStore.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

/**
 * An import plans on a read and writes only if that read still holds. People
 * editing other CIs through the API meanwhile do not make it plan again (the
 * store checks under its write lock that their edits leave the plan true, and
 * writes it onto the newer version); an edit of something it brings does.
 */
describe('an import while people edit through the API', () => {
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-edits-')) }));

  /** A store, with `edit` written (as the API would) just before the import's first write. */
  async function editedBeforeTheImportWrites(edit: Batch): Promise<{ store: GraphStore; writes: () => number }> {
    const store = await open();
    let writes = 0;
    let edited = false;
    const applyBatch = store.applyBatch.bind(store);
    store.applyBatch = async (batch, context, options) => {
      if (batch.importRun && !edited) {
        edited = true;
        await applyBatch(edit, { actor: 'oidc:erin', source: 'api:oidc:erin' });
      }
      if (batch.importRun) writes += 1;
      return applyBatch(batch, context, options);
    };
    return { store, writes: () => writes };
  }

  it('writes its plan onto the newer version when the edit touched nothing it read or brings', async () => {
    const { store, writes } = await editedBeforeTheImportWrites({ upsertCIs: [{ id: 'svc-elsewhere', type: 'Service', name: 'Elsewhere', attributes: {} }] });
    const done = await importText(store, { text: terraformState(500, 3), file: 'edits.tfstate', kind: 'terraform', actor: 'cli:test' });
    expect('outcome' in done && done.outcome.run.status).toBe('applied');
    expect(writes()).toBe(1); // the edit moved the version; the store saw under its write lock that the plan holds, and wrote it
    expect(await store.findCI('svc-elsewhere')).toBeDefined();
  });

  it('plans again when the edit touched a CI the import brings, and the source\'s values win as they would have', async () => {
    const state = terraformState(500, 3);
    const probe = await open();
    const first = await importText(probe, { text: state, file: 'edits.tfstate', kind: 'terraform', actor: 'cli:test', dryRun: true });
    const broughtId = 'outcome' in first ? first.outcome.diff.created[0]! : '';
    const brought = { id: broughtId, type: 'Component' as const, name: 'Edited by hand', attributes: { note: 'hand' } };
    const { store, writes } = await editedBeforeTheImportWrites({ upsertCIs: [brought] });
    const done = await importText(store, { text: state, file: 'edits.tfstate', kind: 'terraform', actor: 'cli:test' });
    expect('outcome' in done && done.outcome.run.status).toBe('applied');
    expect(writes()).toBe(2); // refused, planned again (seeing the edit), written
    expect((await store.findCI(broughtId))?.name).not.toBe('Edited by hand');
  });
});
