import { jsonEqual } from '../../schema/attributes.ts';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { HistoryEntry } from '../../schema/history.ts';
import type { Problem } from '../../schema/problems.ts';
import { endpointProblem, relationshipKeyText, type Relationship, type RelationshipKey } from '../../schema/relationships.ts';
import type { CIType } from '../../schema/ciTypes.ts';
import { AlreadyExistsError, ConflictError, InvalidError, PreconditionFailedError, PreconditionRequiredError } from '../errors.ts';
import { etagOfCI, etagOfRelationship } from './etags.ts';
import type { Batch, Expectation, WriteProgress } from './GraphStore.ts';

/**
 * The write rules shared by every store adapter, as one pure function: given a
 * batch and the current values it touches, decide what to write and what history
 * to record, or refuse the whole batch. Adapters only read and write.
 */

/** The stored state a plan needs; adapters fill it from what `planReads` names. */
export interface CurrentState {
  /** Current values of every id the batch upserts, deletes or points at, and of the far ends of `relationshipsOfRetyped`. */
  cis: Map<string, ConfigItem>;
  /** Current values of every relationship key the batch upserts or deletes. */
  relationships: Map<string, Relationship>;
  /** Every relationship touching a CI the batch deletes. */
  relationshipsOfDeleted: Relationship[];
  /** Every relationship touching an upserted CI whose type the batch changes. */
  relationshipsOfRetyped: Relationship[];
}

/** History to record, before the store assigns sequence numbers. */
export type HistoryDraft = Pick<HistoryEntry, 'entity' | 'key' | 'operation'> & {
  before?: ConfigItem | Relationship;
  after?: ConfigItem | Relationship;
};

/** The writes that carry out a batch, and the history they leave. */
export interface BatchPlan {
  upsertCIs: ConfigItem[];
  deleteCIs: string[];
  upsertRelationships: Relationship[];
  /** Keys (text) of the upserted relationships that do not exist yet: adapters may create them without matching. */
  newRelationships: Set<string>;
  deleteRelationships: RelationshipKey[];
  history: HistoryDraft[];
  unchanged: number;
}

/** What an adapter must read before planning. */
export function planReads(batch: Batch): { ciIds: string[]; relationshipKeys: RelationshipKey[] } {
  const ids = new Set<string>([...(batch.deleteCIs ?? []), ...(batch.upsertCIs ?? []).map((ci) => ci.id)]);
  for (const r of batch.upsertRelationships ?? []) ids.add(r.from).add(r.to);
  const keys = new Map<string, RelationshipKey>();
  for (const r of [...(batch.upsertRelationships ?? []), ...(batch.deleteRelationships ?? [])]) {
    keys.set(relationshipKeyText(r), { from: r.from, type: r.type, to: r.to });
  }
  return { ciIds: [...ids], relationshipKeys: [...keys.values()] };
}

/** Plans a batch against the current state; throws InvalidError listing every problem. */
export function planBatch(batch: Batch, current: CurrentState): BatchPlan {
  checkExpectations(batch.expect ?? [], current);
  const problems: Problem[] = [];
  const plan: BatchPlan = {
    upsertCIs: [], deleteCIs: [], upsertRelationships: [], newRelationships: new Set(), deleteRelationships: [], history: [], unchanged: 0,
  };
  const deleted = new Set(batch.deleteCIs ?? []);
  const upserted = indexUnique(batch.upsertCIs ?? [], (ci) => ci.id, 'upsertCIs', problems);
  const relationships = indexUnique(batch.upsertRelationships ?? [], relationshipKeyText, 'upsertRelationships', problems);
  for (const id of deleted) {
    if (upserted.has(id)) problems.push({ entry: `CI ${id}`, message: 'both upserted and deleted in one batch' });
  }
  const deletedKeys = new Set((batch.deleteRelationships ?? []).map(relationshipKeyText));
  for (const key of deletedKeys) {
    if (relationships.has(key)) problems.push({ entry: `relationship ${key}`, message: 'both upserted and deleted in one batch' });
  }

  // Withdraw relationships first: explicit deletions, then those of deleted CIs.
  const withdrawn = new Map<string, Relationship>();
  for (const key of deletedKeys) {
    const existing = current.relationships.get(key);
    if (existing) withdrawn.set(key, existing);
  }
  for (const r of current.relationshipsOfDeleted) withdrawn.set(relationshipKeyText(r), r);
  for (const [key, before] of withdrawn) {
    plan.deleteRelationships.push({ from: before.from, type: before.type, to: before.to });
    plan.history.push({ entity: 'relationship', key, operation: 'withdrawn', before });
  }
  for (const id of deleted) {
    const before = current.cis.get(id);
    if (!before) continue;
    plan.deleteCIs.push(id);
    plan.history.push({ entity: 'ci', key: id, operation: 'withdrawn', before });
  }

  for (const item of upserted.values()) {
    const after = item;
    const before = current.cis.get(item.id);
    recordUpsert(plan, 'ci', item.id, before, after, () => plan.upsertCIs.push(after));
  }

  const typeAfter = (id: string) => upserted.get(id)?.type ?? (deleted.has(id) ? undefined : current.cis.get(id)?.type);
  for (const [key, relationship] of relationships) {
    for (const end of ['from', 'to'] as const) {
      if (!typeAfter(relationship[end])) {
        problems.push({ entry: `relationship ${key}`, field: end, message: `CI "${relationship[end]}" does not exist` });
      }
    }
    const [fromType, toType] = [typeAfter(relationship.from), typeAfter(relationship.to)];
    const wrongEnds = fromType && toType && endpointProblem(relationship.type, fromType, toType);
    if (wrongEnds) problems.push({ entry: `relationship ${key}`, field: 'type', message: wrongEnds });
    const after = relationship;
    const before = current.relationships.get(key);
    recordUpsert(plan, 'relationship', key, before, after, () => {
      plan.upsertRelationships.push(after);
      if (!before) plan.newRelationships.add(key);
    });
  }

  if (problems.length > 0) throw new InvalidError(problems);
  checkRetypedEnds(current.relationshipsOfRetyped, typeAfter, withdrawn, relationships);
  return plan;
}

/** A CI changes type only if every relationship it keeps stays valid for the new type. */
function checkRetypedEnds(kept: Relationship[], typeAfter: (id: string) => CIType | undefined, withdrawn: Map<string, Relationship>, upserted: Map<string, Relationship>): void {
  const broken: string[] = [];
  for (const r of kept) {
    const key = relationshipKeyText(r);
    if (withdrawn.has(key) || upserted.has(key)) continue;
    const [fromType, toType] = [typeAfter(r.from), typeAfter(r.to)];
    const problem = fromType && toType && endpointProblem(r.type, fromType, toType);
    if (problem) broken.push(`${key} (${problem})`);
  }
  if (broken.length > 0) {
    const shown = broken.slice(0, 10).join('; ') + (broken.length > 10 ? `; and ${broken.length - 10} more` : '');
    throw new ConflictError(`the new type breaks ${broken.length} relationship${broken.length === 1 ? '' : 's'} it keeps: ${shown}; withdraw or change them first`);
  }
}

/** Checks the versions a write was based on (If-Match, create-only) against the current state. */
function checkExpectations(expectations: readonly Expectation[], current: CurrentState): void {
  for (const expected of expectations) {
    const [label, found, tag] = 'ci' in expected
      ? [`CI "${expected.ci}"`, current.cis.get(expected.ci), (v: ConfigItem | Relationship) => etagOfCI(v as ConfigItem)]
      : [`relationship "${relationshipKeyText(expected.relationship)}"`, current.relationships.get(relationshipKeyText(expected.relationship)), (v: ConfigItem | Relationship) => etagOfRelationship(v as Relationship)];
    if (expected.etag === null) {
      if (!found) continue;
      if (expected.whenPresent === 'already_exists') throw new AlreadyExistsError(`${label} exists already`, ['ci' in expected ? expected.ci : relationshipKeyText(expected.relationship)]);
      throw new PreconditionRequiredError(`${label} exists: send If-Match with its ETag (${tag(found)}) to replace it, or If-Match: * to overwrite whatever version is there`);
    }
    if (!found) throw new PreconditionFailedError(`${label} does not exist (If-Match ${expected.etag})`);
    const currentTag = tag(found);
    if (expected.etag !== '*' && expected.etag !== currentTag) {
      throw new PreconditionFailedError(`${label} has changed since version ${expected.etag}: it is now ${currentTag}; read it again and retry`, currentTag);
    }
  }
}

/** Records a create or change when `after` differs from `before`; counts it unchanged otherwise. */
function recordUpsert<T extends ConfigItem | Relationship>(
  plan: BatchPlan,
  entity: 'ci' | 'relationship',
  key: string,
  before: T | undefined,
  after: T,
  write: () => void,
): void {
  // Key order aside: adapters write canonical JSON.
  if (before && jsonEqual(before, after)) {
    plan.unchanged += 1;
    return;
  }
  write();
  plan.history.push({ entity, key, operation: before ? 'changed' : 'created', before, after } as HistoryDraft);
}

/** Indexes items by key, reporting duplicates as problems. */
function indexUnique<T>(items: T[], keyOf: (item: T) => string, where: string, problems: Problem[]): Map<string, T> {
  const index = new Map<string, T>();
  for (const [position, item] of items.entries()) {
    const key = keyOf(item);
    if (index.has(key)) problems.push({ entry: `${where}[${position}] (${key})`, message: 'appears more than once in the batch' });
    index.set(key, item);
  }
  return index;
}

/** Counts of a plan, for BatchResult. */
export function countPlan(plan: BatchPlan): { created: number; changed: number; withdrawn: number; unchanged: number } {
  const count = (operation: string) => plan.history.filter((h) => h.operation === operation).length;
  return { created: count('created'), changed: count('changed'), withdrawn: count('withdrawn'), unchanged: plan.unchanged };
}

/** Batches with more entries than this are imports, not edits: adapters may write them differently. */
export const largeBatchSize = 10_000;

/** How many rows a batch writes, roughly. */
export function batchSize(batch: Batch): number {
  return (batch.upsertCIs?.length ?? 0) + (batch.upsertRelationships?.length ?? 0) + (batch.deleteCIs?.length ?? 0)
    + (batch.deleteRelationships?.length ?? 0) + ledgerRows(batch);
}

/** Rows a plan writes with its batch's ledger: the `total` of WriteProgress. */
export function rowsToWrite(plan: BatchPlan, batch: Batch): number {
  return plan.upsertCIs.length + plan.deleteCIs.length + plan.upsertRelationships.length + plan.deleteRelationships.length + plan.history.length
    + ledgerRows(batch);
}

function ledgerRows(batch: Batch): number {
  return (batch.assertions?.upsert?.length ?? 0) + (batch.assertions?.withdraw?.length ?? 0);
}

/**
 * Counts rows as an adapter writes them and reports every `every` rows (and the
 * last): adapters call `wrote(n)` per row or per chunk, cheaply.
 */
export function rowCounter(total: number, onProgress: ((progress: WriteProgress) => void) | undefined, every = 5000): (rows: number) => void {
  if (!onProgress) return () => {};
  let done = 0;
  let next = every;
  return (rows) => {
    done += rows;
    if (done >= next || done === total) {
      next = done + every;
      onProgress({ phase: 'writing', done, total });
    }
  };
}
