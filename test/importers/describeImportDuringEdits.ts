import { describe, expect, it } from 'vitest';
import { terraformState } from '../../bench/syntheticSources.ts';
import { importText } from '../../server/imports/importText.ts';
import type { Batch, GraphStore } from '../../server/store/GraphStore.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

/**
 * An import plans on a read and writes only if that read still holds. People
 * editing other CIs through the API meanwhile do not make it plan again (the
 * store checks under its write lock that their edits leave the plan true, and
 * writes it onto the newer version); an edit of something it brings does.
 */
export function describeImportDuringEdits(name: string, create: () => Promise<GraphStore>): void {
  describe(`an import while people edit through the API: ${name}`, () => {
    const open = storesClosedAfterAll(create);

    /** A store, with `edit` written (as the API would) just before the import's first write. */
    async function editedBeforeTheImportWrites(initial?: Batch): Promise<{ store: GraphStore; writes: () => number; edit: (batch: Batch) => void }> {
      const store = await open();
      let writes = 0;
      let edited = false;
      let edit = initial;
      const applyBatch = store.applyBatch.bind(store);
      store.applyBatch = async (batch, context, options) => {
        if (batch.importRun && !edited) {
          edited = true;
          await applyBatch(edit!, { actor: 'oidc:erin', source: 'api:oidc:erin' });
        }
        if (batch.importRun) writes += 1;
        return applyBatch(batch, context, options);
      };
      return { store, writes: () => writes, edit: (batch) => (edit = batch) };
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
      // A dry run writes nothing: it names a CI the import brings.
      const { store, writes, edit } = await editedBeforeTheImportWrites();
      const first = await importText(store, { text: state, file: 'edits.tfstate', kind: 'terraform', actor: 'cli:test', dryRun: true });
      const broughtId = 'outcome' in first ? first.outcome.diff.created[0]! : '';
      edit({ upsertCIs: [{ id: broughtId, type: 'Component' as const, name: 'Edited by hand', attributes: { note: 'hand' } }] });
      const done = await importText(store, { text: state, file: 'edits.tfstate', kind: 'terraform', actor: 'cli:test' });
      expect('outcome' in done && done.outcome.run.status).toBe('applied');
      expect(writes()).toBe(2); // refused, planned again (seeing the edit), written
      expect((await store.findCI(broughtId))?.name).not.toBe('Edited by hand');
    });
  });
}
