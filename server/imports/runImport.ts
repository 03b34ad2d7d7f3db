import { randomUUID } from 'node:crypto';
import type { ImportCounts, ImportOutcome, ImportRun, ImportWarning, Snapshot } from '../../schema/imports.ts';
import { relationshipKeyOfText, relationshipKeyText, type RelationshipKey } from '../../schema/relationships.ts';
import { retryOnConflict } from './retryOnConflict.ts';
import type { GraphStore, MergeSettingsMark, RequestOrigin, ScopeMark } from '../store/GraphStore.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import { currentVersionOf, planHoldsNow, rebasesAtMost } from './rebaseOntoEdits.ts';
import { planReconciliation, type ReconcilePlan } from '../reconcile/planReconciliation.ts';
import { prepareSnapshot, type PreparedSnapshot } from '../reconcile/prepareSnapshot.ts';
import { coveredAsSnapshot, reconcileReads, settledSubjects } from '../reconcile/settledSubjects.ts';
import type { Precedence } from '../reconcile/precedence.ts';
import { ciIdOfKey } from '../reconcile/identity.ts';
import { configItemInputSchema } from '../../schema/configItem.ts';

/** One import: a snapshot to reconcile into the store, or (dry) only to compare with it. */
export interface ImportRequest {
  snapshot: Snapshot;
  /** What was read (file, directory, endpoint), for the run record. */
  input: string;
  actor: string;
  /** The request that asked for the run: the batch carries its audit entry. */
  origin?: RequestOrigin;
  dryRun?: boolean;
  precedence?: Precedence;
  /** Steps of the run; while writing, also how many of the rows to write are written. */
  onProgress?: (step: 'reading' | 'planning' | 'writing', detail: string, rows?: { done: number; total: number }) => void;
}

/**
 * Reconciles a snapshot into the store: reads what its scopes asserted before and
 * what the CIs look like now, plans with the pure engine, and writes the graph
 * changes, the assertions and the run record in one batch that the store refuses
 * if anything was written in between (then it plans again). A dry run stops
 * after planning and writes nothing.
 */
export async function runImport(store: GraphStore, request: ImportRequest): Promise<ImportOutcome> {
  const started = new Date();
  const progress = request.onProgress ?? (() => {});
  const snapshot = withoutInvalidItems(request.snapshot);
  request = { ...request, snapshot };
  return retryOnConflict(async () => {
    progress('reading', `${snapshot.items.length} items, ${snapshot.relationships.length} relationships in ${snapshot.scopes.length} scope(s)`);
    // Prepared afresh for each attempt and not kept: its indexes are not needed while the batch is written.
    const { plan, version, seq: readAfterSeq, keys } = await planAgainstStore(store, prepareSnapshot(snapshot, request.precedence), request);
    const run = runRecord(request, started, plan, request.dryRun ? 'dry-run' : 'applied');
    if (request.dryRun) return { run, diff: plan.diff };
    progress('writing', `${plan.batch.upsertCIs?.length ?? 0} CIs, ${plan.batch.upsertRelationships?.length ?? 0} relationships, ${plan.assertions.upsert.length + plan.assertions.withdraw.length} assertions`);
    const audit = auditDraft(request.actor, request.origin, 'import.run', request.input);
    for (let expected = version, rebases = 0; ; rebases += 1) {
      try {
        await store.applyBatch({ ...plan.batch, assertions: plan.assertions, importRun: run, expectedVersion: expected, rebase: { readAfterSeq, version, keys }, audit }, { actor: request.actor, source: historySource(snapshot) }, {
          bulk: true,
          onProgress: ({ phase, done, total }) => progress('writing', phase === 'committing' ? `committing ${total} rows` : `${done} of ${total} rows written`, { done, total }),
        });
        return { run, diff: plan.diff };
      } catch (error) {
        // Edits of other CIs meanwhile leave the plan true: write it onto the newer version rather than plan again.
        const current = currentVersionOf(error);
        if (current === undefined || rebases >= rebasesAtMost || !(await planHoldsNow(store, { readAfterSeq, version, keys }, current))) throw error;
        expected = current;
      }
    }
  });
}

/** Records a run that failed before it could write (unreadable input, a refused batch). */
export async function recordFailedRun(store: GraphStore, request: Omit<ImportRequest, 'snapshot'> & { snapshot?: Snapshot; source: ImportRun['source'] }, error: unknown, started: Date): Promise<ImportRun> {
  const run: ImportRun = {
    id: randomUUID(),
    source: request.source,
    input: request.input,
    scopes: request.snapshot?.scopes ?? [],
    gaps: request.snapshot?.gaps ?? [],
    actor: request.actor,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    status: 'failed',
    counts: { items: 0, relationships: 0, created: 0, updated: 0, withdrawn: 0, stale: 0, unchanged: 0 },
    warnings: request.snapshot?.warnings ?? [],
    errors: [error instanceof Error ? error.message : String(error)],
  };
  const audit = auditDraft(request.actor, request.origin, 'import.run', request.input);
  await store.applyBatch({ importRun: run, audit: audit && { ...audit, summary: `failed: ${run.errors?.[0] ?? 'unknown error'}`.slice(0, 500) } }, { actor: request.actor, source: request.source }, { bulk: true });
  return run;
}

/** More changes than this since the covered scopes' last run: plan every subject rather than list the changes. */
const changesListedAtMost = 200_000;

async function planAgainstStore(store: GraphStore, prepared: PreparedSnapshot, request: ImportRequest): Promise<{ plan: ReconcilePlan; version: number; seq: number; keys: Set<string> }> {
  const { snapshot } = prepared;
  // The plan is written only onto this version: whatever is read after it and changed since makes the store refuse the batch.
  const { marks, settings, version, seq } = await store.readScopeMarks(snapshot.scopes);
  const changed = await changedSinceMarks(store, prepared, marks, settings);
  // Scopes whose digests match hold the snapshot's assertions already: nothing of them to read.
  const asSnapshot = changed !== undefined && snapshot.scopes.every((scope) => marks.get(scope)!.digest === prepared.digests.get(scope));
  const stored = asSnapshot ? 'as-snapshot' : (await store.readAssertions({ scopes: snapshot.scopes })).assertions;
  const settled = settledSubjects(prepared, stored, changed);
  const covered = stored === 'as-snapshot' ? coveredAsSnapshot(prepared, settled) : stored;
  const reads = reconcileReads(prepared, settled);
  const subjectIds = new Set(reads.subjectIds);
  const relationshipKeys = new Map<string, RelationshipKey>(reads.relationshipKeys.map((k) => [relationshipKeyText(k), k]));
  for (const a of covered) {
    if (settled.has(a.subject)) continue;
    if (a.kind === 'ci') subjectIds.add(a.subject);
    else relationshipKeys.set(a.subject, relationshipKeyOfText(a.subject));
  }
  const ciIds = new Set([...subjectIds, ...reads.endIds]);
  const cis = new Map((await store.findCIs([...ciIds])).map(({ meta: _meta, ...ci }) => [ci.id, ci]));
  // Relationships other imports asserted towards CIs this one brings: they can appear now.
  const arriving = reads.subjectIds.filter((id) => !cis.has(id));
  const others = (await store.readAssertions({ subjects: [...subjectIds, ...relationshipKeys.keys()], touching: arriving, exceptScopes: snapshot.scopes })).assertions;
  const otherEnds = new Set<string>();
  for (const a of others) {
    if (a.kind !== 'relationship' || relationshipKeys.has(a.subject)) continue;
    const key = relationshipKeyOfText(a.subject);
    relationshipKeys.set(a.subject, key);
    for (const id of [key.from, key.to]) if (!ciIds.has(id)) otherEnds.add(id);
  }
  for (const { meta: _meta, ...ci } of await store.findCIs([...otherEnds])) cis.set(ci.id, ci);
  const relationships = new Map((await store.findRelationships([...relationshipKeys.values()])).map((r) => [relationshipKeyText(r), r]));
  const before = stored === 'as-snapshot' ? 'stored assertions not read (digests unchanged)' : `${covered.length} assertions before`;
  request.onProgress?.('planning', `${before}, ${settled.size} subjects as the last run left them, ${cis.size} CIs read`);
  const plan = planReconciliation(prepared, { covered, settled, others, cis, relationships }, { now: new Date().toISOString(), precedence: request.precedence });
  // Everything the plan read or brings, settled subjects included: a write to any of them since makes it plan again.
  const keys = new Set<string>([...ciIds, ...otherEnds, ...relationshipKeys.keys(), ...prepared.itemIds, ...prepared.ends.keys()]);
  return { plan, version, seq, keys };
}

/**
 * What changed in the store after every covered scope was last reconciled
 * (history keys), or undefined when a scope never was, too much changed, or a
 * run merged with other settings since.
 */
async function changedSinceMarks(store: GraphStore, prepared: PreparedSnapshot, marks: Map<string, ScopeMark>, settings: MergeSettingsMark | undefined): Promise<Set<string> | undefined> {
  const { scopes } = prepared.snapshot;
  if (!scopes.length || scopes.some((scope) => !marks.has(scope))) return undefined;
  const seq = Math.min(...scopes.map((scope) => marks.get(scope)!.seq));
  const version = Math.min(...scopes.map((scope) => marks.get(scope)!.version));
  // Every run since the oldest mark, that mark's own included, must have merged with this run's settings (precedence,
  // rules): another source's run under other settings may have left its subjects merged otherwise, writing no history.
  if (settings?.fingerprint !== prepared.settings || settings.since > version) return undefined;
  const keys = await store.listHistoryKeysAfter(seq, changesListedAtMost);
  return keys && new Set(keys);
}

function runRecord(request: ImportRequest, started: Date, plan: ReconcilePlan, status: ImportRun['status']): ImportRun {
  const { snapshot } = request;
  const counts: ImportCounts = {
    items: snapshot.items.length,
    relationships: snapshot.relationships.length,
    created: plan.diff.created.length,
    updated: plan.diff.updated.length,
    withdrawn: plan.diff.withdrawn.length,
    stale: plan.diff.stale.length,
    unchanged: plan.diff.unchanged,
  };
  const warnings = cappedWarnings([...snapshot.warnings, ...plan.warnings]);
  return {
    id: randomUUID(), source: snapshot.source, input: request.input, scopes: snapshot.scopes, gaps: snapshot.gaps, actor: request.actor,
    startedAt: started.toISOString(), durationMs: Date.now() - started.getTime(), status, counts, warnings, errors: [],
  };
}

/**
 * Items the schema refuses are left out with a warning naming them; their scope
 * becomes a gap, so leaving them out withdraws nothing that was there before.
 */
function withoutInvalidItems(snapshot: Snapshot): Snapshot {
  const warnings: ImportWarning[] = [];
  const damaged = new Set<string>();
  const items = snapshot.items.filter((item) => {
    const parsed = configItemInputSchema.safeParse({ id: ciIdOfKey(item.keys[0] ?? ''), type: item.type, name: item.name, attributes: item.attributes });
    if (parsed.success) return true;
    const issue = parsed.error.issues[0]!;
    warnings.push({ code: 'malformed', place: item.place ?? item.keys[0], message: `left out: ${issue.path.join('.') || 'item'}: ${issue.message}` });
    damaged.add(item.scope);
    return false;
  });
  if (!damaged.size) return snapshot;
  return {
    ...snapshot,
    items,
    scopes: snapshot.scopes.filter((scope) => !damaged.has(scope)),
    gaps: [...snapshot.gaps, ...[...damaged].filter((scope) => snapshot.scopes.includes(scope)).map((scope) => ({ scope, reason: 'some items could not be read; nothing withdrawn' }))],
    warnings: [...snapshot.warnings, ...warnings],
  };
}

/** Warnings kept per code in a run record; beyond that, one line says how many more. */
const warningsPerCode = 100;

/** At most `warningsPerCode` warnings of each code, then a count: a 100k-resource import can have as many dangling references. */
export function cappedWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const seen = new Map<string, number>();
  const kept: ImportWarning[] = [];
  for (const warning of warnings) {
    const count = (seen.get(warning.code) ?? 0) + 1;
    seen.set(warning.code, count);
    if (count <= warningsPerCode) kept.push(warning);
  }
  for (const [code, count] of seen) {
    if (count > warningsPerCode) kept.push({ code: code as ImportWarning['code'], message: `${count - warningsPerCode} more ${code} warnings not listed (${count} in all)` });
  }
  return kept;
}

function historySource(snapshot: Snapshot): string {
  const text = snapshot.scopes.join(',');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text || snapshot.source;
}


