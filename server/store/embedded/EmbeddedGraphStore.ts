import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ConfigItem, StoredCI } from '../../../schema/configItem.ts';
import type { HistoryEntry } from '../../../schema/history.ts';
import { provenanceAttributes, type ImportRun } from '../../../schema/imports.ts';
import type { PlanProposal } from '../../../schema/proposals.ts';
import { pageLimit } from '../../../schema/limits.ts';
import { flagDepthBound, type RelianceGraph } from '../../../schema/relianceGraph.ts';
import { limits } from '../../../schema/limits.ts';
import {
  relationshipKeyOfText, relianceTypes, type Relationship, type RelationshipKey, type RelationshipType,
} from '../../../schema/relationships.ts';
import { NotFoundError, UnavailableError } from '../../errors.ts';
import { summaryOf } from '../auditSummary.ts';
import { EmbeddedRecordLedgers } from './EmbeddedRecordLedgers.ts';
import { insertAudit } from './sqliteAccess.ts';
import { restoreAfterValues } from '../../history/restoreAfterValues.ts';
import { boundedBreadthFirst } from '../boundedBreadthFirst.ts';
import { compareByDepthThenId, compareRelationshipKeys, compareText } from '../../../schema/ordering.ts';
import type {
  ApplyOptions, AssertionQuery, Batch, BatchResult, GraphStore, HistoryQuery, Page, RelianceRequest, MergeSettingsMark, ScopeMark, SearchQuery, StoredAssertion, Subgraph, SubgraphRequest,
  WriteContext,
} from '../GraphStore.ts';
import { batchSize, countPlan, largeBatchSize, planBatch, rowCounter, rowsToWrite, type BatchPlan } from '../planBatch.ts';
import { validateBatch, validateRelianceRequest, validateSearchQuery, validateSubgraphRequest } from '../validateInput.ts';
import { extractRelianceGraph } from './extractRelianceGraph.ts';
import { readCurrentState, readRelationships, writePlan, type SqlAccess } from './sqliteBatchWriter.ts';
import {
  bumpWriteVersion, checkWriteVersion, insertProposal, readAssertionRows, readHistoryKeysAfter, readImportRuns, readMergeSettings, readProposals, readScopeMarks,
  readWriteVersion, writeLedger,
} from './sqliteLedger.ts';
import { AdjacencyIndex, typeMask, typeOfCode, type IndexedCI } from './AdjacencyIndex.ts';
import { prepareSchema } from './sqliteSchema.ts';
import { countIndexedMatches, textCondition } from './sqliteSearch.ts';
import {
  toConfigItem, toHistoryEntry, toRelationship, toStoredCI, type CIRow, type HistoryRow, type RelationshipRow,
} from './sqliteRows.ts';

/** Large batches get a larger SQLite page cache while they are written. */
const largeBatchCacheKiB = 256 * 1024;
/**
 * SQLite's own (blocking) wait for a busy database once open: a few
 * milliseconds, so a read never stalls the event loop behind another
 * connection; writes wait for the lock asynchronously (beginWrite).
 */
const busyTimeoutMs = 5;
/** SQLite's default: 2 MiB of pages. */
const defaultCacheSize = -2000;

/** Where and how the embedded store keeps its data. */
export interface EmbeddedStoreOptions {
  /** Directory of the data; created if missing. */
  dataDir: string;
  /**
   * Build the adjacency index on the first traversal instead of at opening: for
   * a process that only writes (the import worker), which then never holds it.
   */
  lazyIndex?: boolean;
  /**
   * How long a write waits for another connection's write (an import in the
   * worker) to finish: polled without blocking the event loop. Default 30 s.
   */
  writeWaitMs?: number;
}

/**
 * The zero-setup store: SQLite (WAL, synchronous=FULL) is the durable truth, so an
 * acknowledged batch survives a crash and an interrupted one leaves no trace; an
 * in-memory adjacency index answers traversals without touching the disk.
 */
export class EmbeddedGraphStore extends EmbeddedRecordLedgers implements GraphStore {
  readonly kind = 'embedded' as const;
  private readonly db: DatabaseSync;
  private readonly index = new AdjacencyIndex();
  private readonly statements = new Map<string, StatementSync>();
  /** The last history seq the index holds; -1 while the index is not built (lazyIndex). */
  private indexedSeq = -1;
  private readonly writeWaitMs: number;
  /** Resolved when this process's current writer is done: the next one's turn. */
  private writerTurn: Promise<void> = Promise.resolve();
  private dataVersion = -1;
  /** What the batch reader and writer may use of the database. */
  protected readonly sql: SqlAccess = { statement: (text) => this.statement(text), readCIRows: (ids) => this.readCIRows(ids) };
  /** Scratch map from index numbers to local numbers, kept all -1 between extractions. */
  private scratch = new Int32Array(0);

  constructor(options: EmbeddedStoreOptions) {
    super();
    mkdirSync(options.dataDir, { recursive: true });
    this.writeWaitMs = options.writeWaitMs ?? 30_000;
    try {
      this.db = new DatabaseSync(join(options.dataDir, 'trellis.sqlite'));
      // Opening may wait on another connection's recovery; afterwards a busy database is waited for asynchronously (beginWrite).
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;');
      prepareSchema(this.db);
      this.db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    } catch (error) {
      throw new UnavailableError(`cannot open the embedded store in ${options.dataDir}: ${(error as Error).message}`, { cause: error });
    }
    if (!options.lazyIndex) this.loadIndex();
  }

  /**
   * Takes the write lock. Another connection (the import worker, a CLI) may hold
   * it for seconds: try again every few milliseconds, letting other requests
   * run in between, rather than block the event loop in SQLite's busy wait.
   */
  private async beginWrite(): Promise<void> {
    const giveUpAt = Date.now() + this.writeWaitMs;
    for (;;) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!/busy|locked/i.test((error as Error).message) || Date.now() >= giveUpAt) {
          throw new UnavailableError(`the embedded store is busy (another writer, such as an import, holds it): ${(error as Error).message}`, { cause: error, retryAfterSeconds: 5 });
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    }
  }

  /** The adjacency index, built now if it was left for later, and in step with the tables. */
  private readyIndex(): AdjacencyIndex {
    if (this.indexedSeq < 0) this.loadIndex();
    else this.catchUpIndex();
    return this.index;
  }

  async applyBatch(batch: Batch, context: WriteContext, options: ApplyOptions = {}): Promise<BatchResult> {
    const valid = validateBatch(batch);
    const batchId = randomUUID();
    return this.exclusive(() => {
      const large = batchSize(valid) > largeBatchSize;
      // A big import touches pages all over the B-trees: a larger page cache for its duration only.
      if (large) this.db.exec(`PRAGMA cache_size = -${largeBatchCacheKiB}`);
      try {
        return this.applyValidBatch(valid, batchId, context, options);
      } finally {
        if (large) this.db.exec(`PRAGMA cache_size = ${defaultCacheSize}`);
      }
    });
  }

  /**
   * Runs a write transaction's work (which ends it, by COMMIT or ROLLBACK) with
   * the write lock held: writers of this process take turns, then wait for
   * other connections without blocking the event loop.
   */
  private async exclusive<T>(work: () => T): Promise<T> {
    const previous = this.writerTurn;
    let release!: () => void;
    this.writerTurn = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      await this.beginWrite();
      return work();
    } finally {
      release();
    }
  }

  /** Writes a batch; the write lock is held (beginWrite) and released here, by COMMIT or ROLLBACK. */
  private applyValidBatch(valid: Batch, batchId: string, context: WriteContext, { onProgress }: ApplyOptions): BatchResult {
    // Stamped under the write lock, so history times follow the sequence numbers.
    const at = new Date().toISOString();
    let plan: BatchPlan;
    let firstSeq: number | undefined;
    try {
      if (this.indexedSeq >= 0) this.catchUpIndex();
      checkWriteVersion(this.sql, valid);
      plan = planBatch(valid, readCurrentState(this.sql, valid));
      const total = rowsToWrite(plan, valid);
      const wrote = rowCounter(total, onProgress);
      firstSeq = writePlan(this.sql, plan, { ...context, batchId, at }, wrote);
      if (writeLedger(this.sql, valid, wrote) || firstSeq !== undefined) bumpWriteVersion(this.sql);
      if (valid.audit) {
        const lastSeq = firstSeq === undefined ? undefined : firstSeq + plan.history.length - 1;
        insertAudit(this.sql, { ...valid.audit, summary: valid.audit.summary ?? summaryOf(countPlan(plan)) }, at, { batchId, firstSeq, lastSeq });
      }
      onProgress?.({ phase: 'committing', done: total, total });
      this.db.exec('COMMIT');
    } catch (error) {
      // SQLite may have rolled back already (a full disk, an I/O error): the cause is what matters.
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // no transaction left to roll back
      }
      throw error;
    }
    if (this.indexedSeq >= 0) this.applyToIndex(plan);
    const lastSeq = firstSeq === undefined ? undefined : firstSeq + plan.history.length - 1;
    if (lastSeq !== undefined) this.indexedSeq = lastSeq;
    return { batchId, ...countPlan(plan), firstSeq, lastSeq };
  }

  /** Runs `work` in one write transaction: all of it or none. */
  protected inTransaction<T>(work: () => T): Promise<T> {
    return this.exclusive(() => {
      try {
        const result = work();
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async findCI(id: string): Promise<StoredCI | undefined> {
    const row = this.statement('SELECT * FROM ci WHERE id = ?').get(id) as CIRow | undefined;
    return row && toStoredCI(row);
  }

  async findCIs(ids: readonly string[]): Promise<StoredCI[]> {
    const byId = new Map(this.readCIRows(ids).map((row) => [row.id, toStoredCI(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async listRelationshipsOf(id: string, types?: readonly RelationshipType[]): Promise<Relationship[]> {
    const rows = this.statement(
      'SELECT * FROM relationship WHERE from_id = ? UNION SELECT * FROM relationship WHERE to_id = ? ORDER BY from_id, type, to_id',
    ).all(id, id) as unknown as RelationshipRow[];
    return rows.map(toRelationship).filter((r) => !types || types.includes(r.type));
  }

  async findRelationship(key: RelationshipKey): Promise<Relationship | undefined> {
    const row = this.statement('SELECT * FROM relationship WHERE from_id = ? AND type = ? AND to_id = ?')
      .get(key.from, key.type, key.to) as RelationshipRow | undefined;
    return row && toRelationship(row);
  }

  async findRelationships(keys: readonly RelationshipKey[]): Promise<Relationship[]> {
    return readRelationships(this.sql, keys);
  }

  async readAssertions(query: AssertionQuery): Promise<{ assertions: StoredAssertion[]; version: number }> {
    return this.readWithVersion(() => ({ assertions: readAssertionRows(this.sql, query) }));
  }

  async readScopeMarks(scopes: readonly string[]): Promise<{ marks: Map<string, ScopeMark>; settings?: MergeSettingsMark; version: number; seq: number }> {
    return this.readWithVersion(() => ({
      marks: readScopeMarks(this.sql, scopes), settings: readMergeSettings(this.sql),
      seq: Number((this.statement('SELECT coalesce(max(seq), 0) AS seq FROM history').get() as { seq: number }).seq),
    }));
  }

  /** One read transaction, so the write version matches what is read. */
  private readWithVersion<T>(read: () => T): T & { version: number } {
    this.db.exec('BEGIN');
    try {
      return { version: readWriteVersion(this.sql), ...read() };
    } finally {
      this.db.exec('COMMIT');
    }
  }

  async listHistoryKeysAfter(seq: number, limit: number): Promise<string[] | undefined> {
    return readHistoryKeysAfter(this.sql, seq, limit);
  }

  async listImportRuns(query: { limit?: number }): Promise<ImportRun[]> {
    return readImportRuns(this.sql, pageLimit(query.limit));
  }

  async saveProposal(proposal: PlanProposal): Promise<void> {
    await this.inTransaction(() => insertProposal(this.sql, proposal));
  }

  async listProposals(query: { limit?: number }): Promise<PlanProposal[]> {
    return readProposals(this.sql, pageLimit(query.limit));
  }

  async findProposal(id: string): Promise<PlanProposal | undefined> {
    return readProposals(this.sql, 1, id)[0];
  }

  async searchCIs(query: SearchQuery): Promise<Page<StoredCI>> {
    const { text, type, attributes, stale, limit, offset, countUpTo } = validateSearchQuery(query);
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (text) {
      const condition = textCondition(text);
      where.push(condition.sql);
      params.push(...condition.params);
    }
    if (type) {
      where.push('type = ?');
      params.push(type);
    }
    for (const [key, value] of Object.entries(attributes ?? {})) {
      const path = `$."${key}"`;
      if (typeof value === 'boolean') {
        where.push('json_type(attributes, ?) = ?');
        params.push(path, String(value));
      } else {
        where.push(`json_type(attributes, ?) IN (${typeof value === 'number' ? "'integer', 'real'" : "'text'"}) AND json_extract(attributes, ?) = ?`);
        params.push(path, path, value);
      }
    }
    if (stale !== undefined) {
      where.push(`json_type(attributes, ?) IS ${stale ? '' : 'NOT '}'text'`);
      params.push(`$."${provenanceAttributes.staleSince}"`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const textOnly = text !== undefined && where.length === 1;
    const total = countUpTo === undefined
      ? Number((this.db.prepare(`SELECT count(*) AS n FROM ci ${clause}`).get(...params) as { n: number }).n)
      : ((textOnly ? countIndexedMatches(this.db, text, countUpTo) : undefined)
        ?? Number((this.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ci ${clause} LIMIT ?)`).get(...params, countUpTo) as { n: number }).n));
    const rows = this.db.prepare(`SELECT * FROM ci ${clause} ORDER BY id LIMIT ? OFFSET ?`).all(...params, limit, offset);
    return { items: (rows as unknown as CIRow[]).map(toStoredCI), total, ...(countUpTo !== undefined && total >= countUpTo ? { totalCapped: true as const } : {}) };
  }

  async scanCIs(afterId: string | undefined, limit: number): Promise<ConfigItem[]> {
    const rows = this.statement('SELECT * FROM ci WHERE id > ? ORDER BY id LIMIT ?').all(afterId ?? '', limit);
    return (rows as unknown as CIRow[]).map(toConfigItem);
  }

  async scanRelationships(after: RelationshipKey | undefined, limit: number): Promise<Relationship[]> {
    const rows = this.statement('SELECT * FROM relationship WHERE (from_id, type, to_id) > (?, ?, ?) ORDER BY from_id, type, to_id LIMIT ?')
      .all(after?.from ?? '', after?.type ?? '', after?.to ?? '', limit);
    return (rows as unknown as RelationshipRow[]).map(toRelationship);
  }

  async extractSubgraph(input: SubgraphRequest): Promise<Subgraph> {
    const request = validateSubgraphRequest(input);
    this.readyIndex();
    const missing = request.roots.filter((id) => this.index.find(id) === undefined);
    if (missing.length) throw new NotFoundError(`unknown CI: ${missing.join(', ')}`, missing);
    const types = request.relationshipTypes ?? relianceTypes;
    const mask = typeMask(types);
    const forward = request.direction === 'upstream';
    const { depths, truncated } = await boundedBreadthFirst({
      ...request,
      expand: (frontier) => {
        const reached: string[] = [];
        for (const id of frontier) {
          this.index.forEachNeighbour(this.index.find(id)!, forward, mask, (n) => reached.push(this.index.idAt(n)));
        }
        return reached;
      },
    });
    const cis = this.readCIRows([...depths.keys()])
      .map((row) => ({ ...toConfigItem(row), depth: depths.get(row.id)! }))
      .sort(compareByDepthThenId);
    const byFrom = this.statement('SELECT * FROM relationship WHERE from_id = ?');
    const relationships: Relationship[] = [];
    for (const id of [...depths.keys()].sort(compareText)) {
      for (const row of byFrom.all(id) as unknown as RelationshipRow[]) {
        if (depths.has(row.to_id) && types.includes(row.type as RelationshipType)) relationships.push(toRelationship(row));
      }
    }
    return { cis, relationships: relationships.sort(compareRelationshipKeys), truncated };
  }

  async extractRelianceGraph(input: RelianceRequest): Promise<RelianceGraph> {
    const request = validateRelianceRequest(input);
    this.readyIndex();
    if (this.scratch.length < this.index.capacity) this.scratch = new Int32Array(Math.ceil(this.index.capacity * 1.25) + 16).fill(-1);
    return flagDepthBound(extractRelianceGraph(this.index, request, this.scratch), request.maxDepth ?? limits.subgraphDepthDefault);
  }

  async listRelationshipKeysFrom(ids: readonly string[], types: readonly RelationshipType[]): Promise<RelationshipKey[]> {
    this.readyIndex();
    const mask = typeMask(types);
    const keys: RelationshipKey[] = [];
    for (const id of new Set(ids)) {
      const node = this.index.find(id);
      if (node === undefined) continue;
      this.index.forEachNeighbour(node, true, mask, (neighbour, code) => keys.push({ from: id, type: typeOfCode[code]!, to: this.index.idAt(neighbour) }));
    }
    return keys.sort(compareRelationshipKeys);
  }

  async findChangedSince(ids: readonly string[], since: string): Promise<Map<string, string>> {
    const select = this.statement(`SELECT key, max(at) AS at FROM history WHERE entity = 'ci' AND operation = 'changed'
      AND key IN (SELECT value FROM json_each(?)) AND at >= ? GROUP BY key`);
    const changed = new Map<string, string>();
    for (let start = 0; start < ids.length; start += 5000) {
      for (const row of select.all(JSON.stringify(ids.slice(start, start + 5000)), since) as { key: string; at: string }[]) changed.set(row.key, row.at);
    }
    return changed;
  }

  async listHistory(query: HistoryQuery): Promise<HistoryEntry[]> {
    const limit = Math.min(query.limit ?? limits.pageSizeMax, limits.pageSizeMax * 100);
    const where = ['seq > ?'];
    const params: (string | number)[] = [query.afterSeq ?? 0];
    if (query.until) {
      where.push('at <= ?');
      params.push(query.until);
    }
    if (query.ciId) {
      // A relationship's key begins with its start and a space (ids have none; '!' follows ' ').
      where.push("((entity = 'ci' AND key = ?) OR (key > ? AND key < ?) OR to_id = ?)");
      params.push(query.ciId, `${query.ciId} `, `${query.ciId}!`, query.ciId);
    }
    const order = query.newestFirst ? 'DESC' : 'ASC';
    const rows = this.db.prepare(`SELECT * FROM history WHERE ${where.join(' AND ')} ORDER BY seq ${order} LIMIT ?`).all(...params, limit);
    const entries = (rows as unknown as HistoryRow[]).map(toHistoryEntry);
    // Values after each entry are filled in over entries in write order.
    if (query.newestFirst) entries.reverse();
    const restored = await this.restoreHistory(entries);
    return query.newestFirst ? restored.reverse() : restored;
  }

  /** Fills in the values after history entries (in write order) from the tables. */
  private restoreHistory(entries: HistoryEntry[]): Promise<HistoryEntry[]> {
    const nextBefore = this.statement('SELECT before FROM history WHERE key = ? AND seq > ? ORDER BY seq LIMIT 1');
    return restoreAfterValues(entries, {
      nextBefore: async (after) => {
        const found = new Map<string, ConfigItem | Relationship>();
        for (const [key, seq] of after) {
          const row = nextBefore.get(key, seq) as { before: string | null } | undefined;
          if (row?.before) found.set(key, JSON.parse(row.before));
        }
        return found;
      },
      findCIs: (ids) => this.findCIs(ids),
      findRelationships: (keys) => this.findRelationships(keys),
    });
  }

  async countAll(): Promise<{ cis: number; relationships: number }> {
    const cis = (this.statement('SELECT count(*) AS n FROM ci').get() as { n: number }).n;
    const relationships = (this.statement('SELECT count(*) AS n FROM relationship').get() as { n: number }).n;
    return { cis: Number(cis), relationships: Number(relationships) };
  }

  async checkReady(): Promise<void> {
    if (!this.db.isOpen) throw new UnavailableError('the embedded store is closed');
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /** Mirrors a committed plan in the adjacency index. */
  private applyToIndex(plan: BatchPlan): void {
    for (const key of plan.deleteRelationships) this.index.removeRelationship(key.from, key.type, key.to);
    for (const id of plan.deleteCIs) this.index.removeCI(id);
    for (const ci of plan.upsertCIs) this.index.setCI(indexedCI(ci));
    for (const r of plan.upsertRelationships) this.index.setRelationship(r.from, r.type, r.to, r.strength === 'soft');
  }

  /** Builds the adjacency index from the tables, all read in one snapshot (another connection may be writing). */
  private loadIndex(): void {
    this.inReadSnapshot(() => this.loadIndexNow());
  }

  /**
   * Runs reads in one snapshot of the database: without it, each statement
   * sees the latest commit of other connections (the import worker), and the
   * index could take relationships written after the CIs it read.
   */
  private inReadSnapshot<T>(read: () => T): T {
    if (this.db.isTransaction) return read();
    this.db.exec('BEGIN');
    try {
      return read();
    } finally {
      this.db.exec('COMMIT');
    }
  }

  private loadIndexNow(): void {
    const cis = this.db.prepare(`SELECT id, type, name, json_extract(attributes, '$.minHealthy') AS minHealthy,
      json_extract(attributes, '$.criticality') AS criticality FROM ci`).iterate() as Iterable<IndexedCI>;
    const rows = this.db.prepare('SELECT from_id, type, to_id, strength FROM relationship').iterate() as Iterable<RelationshipRow>;
    this.index.load(cis, mapIterable(rows, (row) => ({ from: row.from_id, type: row.type as RelationshipType, to: row.to_id, soft: row.strength === 'soft' })));
    this.indexedSeq = Number((this.statement('SELECT coalesce(max(seq), 0) AS seq FROM history').get() as { seq: number }).seq);
    this.dataVersion = this.readDataVersion();
  }

  /** Replays history written by other processes since the index was last in step. */
  private catchUpIndex(): void {
    this.inReadSnapshot(() => this.catchUpIndexNow());
  }

  private catchUpIndexNow(): void {
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    // History keeps no values after a write (see restoreAfterValues): the index takes the
    // values stored now, which are those after the last entry replayed here.
    const rows = this.statement('SELECT seq, entity, key, operation FROM history WHERE seq > ? ORDER BY seq').iterate(this.indexedSeq);
    const ciNow = this.statement('SELECT * FROM ci WHERE id = ?');
    const relationshipNow = this.statement('SELECT * FROM relationship WHERE from_id = ? AND type = ? AND to_id = ?');
    for (const row of rows as Iterable<{ seq: number; entity: string; key: string; operation: string }>) {
      if (row.entity === 'ci') {
        const now = row.operation === 'withdrawn' ? undefined : (ciNow.get(row.key) as CIRow | undefined);
        if (now) this.index.setCI(indexedCI(toConfigItem(now)));
        else this.index.removeCI(row.key);
      } else {
        const { from, type, to } = relationshipKeyOfText(row.key);
        const now = row.operation === 'withdrawn' ? undefined : (relationshipNow.get(from, type, to) as RelationshipRow | undefined);
        if (now) this.index.setRelationship(from, type, to, now.strength === 'soft');
        else this.index.removeRelationship(from, type, to);
      }
      this.indexedSeq = Number(row.seq);
    }
  }

  private readDataVersion(): number {
    return Number((this.statement('PRAGMA data_version').get() as { data_version: number }).data_version);
  }

  /** Reads CI rows by id in chunks (SQLite binds one JSON array per chunk). */
  private readCIRows(ids: readonly string[]): CIRow[] {
    const rows: CIRow[] = [];
    const select = this.statement('SELECT * FROM ci WHERE id IN (SELECT value FROM json_each(?))');
    for (let start = 0; start < ids.length; start += 5000) {
      rows.push(...(select.all(JSON.stringify(ids.slice(start, start + 5000))) as unknown as CIRow[]));
    }
    return rows;
  }

  /** Prepared statements are cached by their text. */
  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** The fields of a CI that the adjacency index keeps. */
function indexedCI(ci: ConfigItem): IndexedCI {
  const { minHealthy, criticality } = ci.attributes;
  return {
    id: ci.id,
    type: ci.type,
    name: ci.name,
    minHealthy: typeof minHealthy === 'number' ? minHealthy : undefined,
    criticality: typeof criticality === 'number' ? criticality : undefined,
  };
}

/** Maps an iterable lazily (SQLite rows are streamed, never held all at once). */
function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
