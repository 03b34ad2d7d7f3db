import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../server/errors.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { schemaVersion } from '../../server/store/embedded/sqliteSchema.ts';
import { buildCI, testWriter } from '../builders.ts';

function setStoredVersion(dir: string, version: string): void {
  const db = new DatabaseSync(join(dir, 'trellis.sqlite'));
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schemaVersion'").run(version);
  db.close();
}

const storedVersion = (dir: string) => {
  const db = new DatabaseSync(join(dir, 'trellis.sqlite'));
  const { value } = db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string };
  db.close();
  return value;
};

describe('embedded store schema versions', () => {
  it('upgrades a store of the previous version in place, keeping its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-schema-'));
    const store = new EmbeddedGraphStore({ dataDir: dir });
    await store.applyBatch({ upsertCIs: [buildCI('a')] }, testWriter);
    await store.close();
    setStoredVersion(dir, String(schemaVersion - 1));
    const reopened = new EmbeddedGraphStore({ dataDir: dir });
    expect(await reopened.findCI('a')).toBeDefined();
    await reopened.close();
    expect(storedVersion(dir)).toBe(String(schemaVersion));
  });

  it('gives a version-2 store the search index of the CIs it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-schema-'));
    const store = new EmbeddedGraphStore({ dataDir: dir });
    await store.applyBatch({ upsertCIs: [buildCI('svc-checkout', { name: 'Checkout' }), buildCI('db-orders', { name: 'Orders DB' })] }, testWriter);
    await store.close();
    const db = new DatabaseSync(join(dir, 'trellis.sqlite'));
    db.exec('DROP TRIGGER ci_search_insert; DROP TRIGGER ci_search_rename; DROP TRIGGER ci_search_delete; DROP TABLE ci_search; DROP TABLE ci_search_row');
    db.close();
    setStoredVersion(dir, '2');
    const reopened = new EmbeddedGraphStore({ dataDir: dir });
    expect((await reopened.searchCIs({ text: 'eckou' })).items.map((ci) => ci.id)).toEqual(['svc-checkout']);
    await reopened.applyBatch({ deleteCIs: ['svc-checkout'] }, testWriter);
    expect((await reopened.searchCIs({ text: 'eckou' })).total).toBe(0);
    expect((await reopened.searchCIs({ text: 'ders d' })).items.map((ci) => ci.id)).toEqual(['db-orders']);
    await reopened.close();
  });

  it('refuses a store a newer Trellis wrote, and leaves it as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-schema-'));
    await new EmbeddedGraphStore({ dataDir: dir }).close();
    setStoredVersion(dir, String(schemaVersion + 1));
    expect(() => new EmbeddedGraphStore({ dataDir: dir })).toThrow(UnavailableError);
    expect(() => new EmbeddedGraphStore({ dataDir: dir })).toThrow(`it has schema version ${schemaVersion + 1}; this Trellis reads versions up to ${schemaVersion}`);
    expect(storedVersion(dir)).toBe(String(schemaVersion + 1));
  });
});
