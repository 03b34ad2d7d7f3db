import { canonicalJson } from '../../schema/attributes.ts';
import type { Assertion } from '../../schema/imports.ts';
import type { RelationshipKey } from '../../schema/relationships.ts';
import type { PreparedSnapshot } from './prepareSnapshot.ts';

/**
 * What a re-run may leave alone, and what it must read for the rest. Pure; the
 * reasoning is in docs/reconciliation.md ("Re-imports: leaving alone what did
 * not change").
 */

/**
 * What a plan needs read besides the covered scopes' assertions, settled
 * subjects left out: the CIs the snapshot brings (`subjectIds`), the ends of
 * its relationships outside it (`endIds`: whether they exist decides warnings
 * and waiting relationships), and the relationships it asserts.
 */
export function reconcileReads(prepared: PreparedSnapshot, settled: ReadonlySet<string> = new Set()): { subjectIds: string[]; endIds: string[]; relationshipKeys: RelationshipKey[] } {
  const { itemIds } = prepared;
  const subjectIds = [...itemIds].filter((id) => !settled.has(id));
  const ends = new Set<string>();
  const keys: RelationshipKey[] = [];
  for (const [subject, key] of prepared.ends) {
    if (!itemIds.has(key.from)) ends.add(key.from);
    if (!itemIds.has(key.to)) ends.add(key.to);
    if (!settled.has(subject)) keys.push(key);
  }
  return { subjectIds, endIds: [...ends], relationshipKeys: keys };
}

/**
 * The subjects a run may leave alone without reading them: each of their
 * assertions in the covered scopes is, word for word, the one stored, and
 * neither they nor (for a relationship) its ends changed after the covered
 * scopes were last reconciled. Then the last run left them as this one would.
 * None when `changedSince` is unknown (a scope never reconciled, or too much
 * changed since). `covered` is what the covered scopes hold, or 'as-snapshot'
 * when their digests showed they hold exactly the snapshot's assertions.
 */
export function settledSubjects(prepared: PreparedSnapshot, covered: readonly (Assertion & { bodyText?: string })[] | 'as-snapshot', changedSince: ReadonlySet<string> | undefined): Set<string> {
  const settled = new Set<string>();
  if (!changedSince) return settled;
  const { fresh, itemIds } = prepared;
  const unsettled = new Set<string>();
  // Matching digests: every snapshot assertion in a covered scope is stored as it is.
  const coveredScopes = new Set(prepared.snapshot.scopes);
  let matched = (a: Assertion) => coveredScopes.has(a.scope);
  if (covered !== 'as-snapshot') {
    const same = new Set<Assertion>();
    for (const b of covered) {
      const a = fresh.get(b.scope, b.subject);
      if (a && a.kind === b.kind && canonicalJson(a.body) === (b.bodyText ?? canonicalJson(b.body))) same.add(a);
      else unsettled.add(b.subject);
    }
    matched = (a) => same.has(a);
  }
  for (const a of fresh.values()) if (!matched(a)) unsettled.add(a.subject);
  for (const id of itemIds) if (!unsettled.has(id) && !changedSince.has(id)) settled.add(id);
  for (const [subject, { from, to }] of prepared.ends) {
    if (unsettled.has(subject) || changedSince.has(subject)) continue;
    // An end this run brings and plans may appear now: a relationship waiting for it must be planned too.
    if (changedSince.has(from) || changedSince.has(to) || (itemIds.has(from) && !settled.has(from)) || (itemIds.has(to) && !settled.has(to))) continue;
    settled.add(subject);
  }
  return settled;
}

/** What the covered scopes hold when their digests match the snapshot's, for the subjects not settled. */
export function coveredAsSnapshot(prepared: PreparedSnapshot, settled: ReadonlySet<string>): Assertion[] {
  const covered: Assertion[] = [];
  for (const scope of prepared.snapshot.scopes) for (const a of prepared.fresh.inScope(scope)) if (!settled.has(a.subject)) covered.push(a);
  return covered;
}
