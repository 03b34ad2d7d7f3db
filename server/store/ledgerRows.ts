import type { Batch, StoredAssertion } from './GraphStore.ts';

/** What both stores' reconciliation ledgers share: how an assertion comes back, and which scope marks a batch voids. */

/**
 * An assertion read from a store. The body is parsed on first use: a re-import
 * compares most bodies by their canonical text and never needs them parsed.
 */
export function storedAssertion(scope: string, subject: string, kind: string, bodyText: string): StoredAssertion {
  let body: unknown;
  return {
    scope, subject, kind, bodyText,
    get body() {
      return (body ??= JSON.parse(bodyText));
    },
  } as StoredAssertion;
}

/**
 * Scopes a batch writes assertions into without reconciling them completely
 * (a run's gap scopes still take the items it could read): their marks must go.
 */
export function scopesWrittenNotReconciled(batch: Batch): string[] {
  const reconciled = new Set((batch.assertions?.reconciled ?? []).map((r) => r.scope));
  const written = new Set<string>();
  for (const list of [batch.assertions?.upsert ?? [], batch.assertions?.withdraw ?? []]) {
    for (const a of list) if (!reconciled.has(a.scope)) written.add(a.scope);
  }
  return [...written];
}
