import { createHash } from 'node:crypto';
import { canonicalJson } from '../../schema/attributes.ts';
import type { Assertion, CIAssertionBody, ImportWarning, Snapshot, SnapshotRelationship } from '../../schema/imports.ts';
import { relationshipKeyText, type RelationshipKey } from '../../schema/relationships.ts';
import { AssertionIndex } from './AssertionIndex.ts';
import { ciIdOfKey } from './identity.ts';
import type { Precedence } from './precedence.ts';

/**
 * A snapshot made ready for reconciliation: its items and relationships as
 * assertions (relationship ends resolved through identity keys), and the
 * digests that scope marks record. Pure.
 */

/** A snapshot with its assertions worked out once: what reading, settling and planning share. */
export interface PreparedSnapshot {
  snapshot: Snapshot;
  /** The snapshot as assertions, relationship ends resolved. */
  fresh: AssertionIndex;
  /** The key of each relationship subject of `fresh`, so it is split from its text once. */
  ends: Map<string, RelationshipKey>;
  /** The CI subjects of `fresh`: the CIs this snapshot brings. */
  itemIds: Set<string>;
  /**
   * Relationship ends naming neither a key of the snapshot's items nor one of
   * its CIs, in snapshot order: only the store can know them (dangling otherwise).
   */
  unresolvedEnds: { relationship: SnapshotRelationship; key: string; id: string }[];
  /** Duplicates left out. */
  warnings: ImportWarning[];
  /** What shapes the merge besides the assertions (see planSettings). */
  settings: string;
  /** Per covered scope, the digest of its assertions (see scopeDigest): what a scope mark records. */
  digests: Map<string, string>;
}

/** Bump when the merge rules change: what runs under other rules left is not taken as settled. */
const mergeRulesVersion = 1;

/** A fingerprint of what shapes the merge besides the assertions: the rules' version and the precedence. */
export function planSettings(precedence: Precedence | undefined): string {
  return createHash('sha256').update(canonicalJson({ mergeRulesVersion, precedence: precedence ?? null })).digest('base64url').slice(0, 16);
}

/** Works out a snapshot's assertions; duplicates become warnings. */
export function prepareSnapshot(snapshot: Snapshot, precedence?: Precedence): PreparedSnapshot {
  const idOfKey = itemIdsByKey(snapshot);
  const warnings: ImportWarning[] = [];
  const ends = new Map<string, RelationshipKey>();
  const itemIds = new Set<string>();
  const unresolvedEnds: PreparedSnapshot['unresolvedEnds'] = [];
  const fresh = snapshotAssertions(snapshot, idOfKey, { ends, itemIds, unresolvedEnds, warnings });
  const settings = planSettings(precedence);
  const digests = new Map(snapshot.scopes.map((scope) => [scope, scopeDigest(fresh.inScope(scope))]));
  return { snapshot, fresh, ends, itemIds, unresolvedEnds, warnings, settings, digests };
}

/**
 * A digest of one scope's assertions: equal digests, equal assertions. They go
 * in as the importer gave them, in its order and with bodies as it built them
 * (JSON.stringify, not canonical JSON: three times faster), so the same reading
 * gives the same digest without sorting 100k subjects. A source that lists the
 * same things in another order, or builds a body with its keys in another order,
 * loses the shortcut for that run (its stored assertions are read and compared),
 * never correctness.
 */
export function scopeDigest(assertions: Iterable<Assertion>): string {
  const hash = createHash('sha256');
  // Fed in pieces of about 64 KiB: one update per assertion costs more than the hashing.
  let pending = '';
  for (const a of assertions) {
    pending += `${a.subject}\u0000${a.kind}\u0000${JSON.stringify(a.body)}\n`;
    if (pending.length > 65_536) {
      hash.update(pending);
      pending = '';
    }
  }
  return hash.update(pending).digest('base64');
}

/** Every identity key of the snapshot's items, to the CI id of its item (the first item wins). */
function itemIdsByKey(snapshot: Snapshot): Map<string, string> {
  const idOfKey = new Map<string, string>();
  for (const item of snapshot.items) {
    const id = ciIdOfKey(item.keys[0]!);
    for (const key of item.keys) if (!idOfKey.has(key)) idOfKey.set(key, id);
  }
  return idOfKey;
}

/** Relationship bodies, shared by the 100k relationships of a large snapshot rather than one each; frozen, as stored bodies are never changed. */
const hardBody = Object.freeze({});
const softBody = Object.freeze({ strength: 'soft' as const });

/**
 * The snapshot as assertions by id, with relationship ends resolved; fills in
 * what PreparedSnapshot keeps of that walk. Duplicates become warnings.
 */
function snapshotAssertions(
  snapshot: Snapshot,
  idOfKey: Map<string, string>,
  into: Pick<PreparedSnapshot, 'ends' | 'itemIds' | 'unresolvedEnds' | 'warnings'>,
): AssertionIndex {
  const { ends, itemIds, unresolvedEnds, warnings } = into;
  const result = new AssertionIndex();
  for (const item of snapshot.items) {
    const id = ciIdOfKey(item.keys[0]!);
    const body: CIAssertionBody = { keys: item.keys, type: item.type, name: item.name, attributes: item.attributes };
    const assertion: Assertion = { scope: item.scope, kind: 'ci', subject: id, body };
    if (result.has(assertion)) {
      warnings.push({ code: 'duplicate', place: item.place, message: `${item.keys[0]} appears more than once; the first is kept` });
      continue;
    }
    result.set(assertion);
    itemIds.add(id);
  }
  for (const r of snapshot.relationships) {
    const fromItem = idOfKey.get(r.from);
    const toItem = idOfKey.get(r.to);
    const from = fromItem ?? ciIdOfKey(r.from);
    const to = toItem ?? ciIdOfKey(r.to);
    if (from === to) continue;
    if (fromItem === undefined && !itemIds.has(from)) unresolvedEnds.push({ relationship: r, key: r.from, id: from });
    if (toItem === undefined && !itemIds.has(to)) unresolvedEnds.push({ relationship: r, key: r.to, id: to });
    const key = { from, type: r.type, to };
    const subject = relationshipKeyText(key);
    if (!ends.has(subject)) ends.set(subject, key);
    const assertion: Assertion = { scope: r.scope, kind: 'relationship', subject, body: r.strength ? softBody : hardBody };
    const seen = result.get(assertion.scope, assertion.subject);
    // Two references between the same pair: hard wins over soft.
    if (!seen || (seen.body as { strength?: string }).strength) result.set(assertion);
  }
  return result;
}
