import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parseTerraformState } from '../../importers/terraform/parseTerraformState.ts';
import { exportEstateText } from '../../server/estate/exportEstate.ts';
import { runImport } from '../../server/imports/runImport.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { corpusDir } from '../support/corpus.ts';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';

const uri = inject('neo4jUri');

/** Imports every corpus state twice, in name order as the CLI does for a directory. */
async function importCorpus(store: GraphStore): Promise<void> {
  const dir = join(corpusDir, 'tfstate');
  for (let pass = 0; pass < 2; pass += 1) {
    for (const name of readdirSync(dir).sort()) {
      const snapshot = parseTerraformState(readFileSync(join(dir, name), 'utf8'), name);
      await runImport(store, { snapshot, input: name, actor: 'test' });
    }
  }
}

describe.skipIf(!uri)('Terraform corpus on the test Neo4j (skipped only without one, after a loud warning)', () => {
  it('gives the same graph as the embedded store, provenance included', async () => {
    const neo4j = await createEmptyNeo4jStore(uri);
    const embedded = new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-tf-neo4j-')) });
    try {
      await importCorpus(neo4j);
      await importCorpus(embedded);
      // Stale flags carry the time of each run; everything else must match exactly.
      const strip = (text: string) => text.replace(/trellis\.staleSince: \S+/g, 'trellis.staleSince: <time>');
      const [a, b] = [await exportEstateText(neo4j), await exportEstateText(embedded)];
      expect(a).toContain('arn:aws:s3:::bucket-martin-test-drift2');
      expect(strip(a)).toBe(strip(b));
      expect((await neo4j.listImportRuns({ limit: 100 })).length).toBe(2 * readdirSync(join(corpusDir, 'tfstate')).length);
    } finally {
      await neo4j.close();
      await embedded.close();
    }
  });
});
