import { randomUUID } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { ConfigItem, StoredCI } from '../../../schema/configItem.ts';
import type { HistoryEntry } from '../../../schema/history.ts';
import { provenanceAttributes, type ImportRun } from '../../../schema/imports.ts';
import type { PlanProposal } from '../../../schema/proposals.ts';
import { flagDepthBound, type RelianceGraph } from '../../../schema/relianceGraph.ts';
import { limits, pageLimit } from '../../../schema/limits.ts';
import {
  relianceTypes, type Relationship, type RelationshipKey, type RelationshipType,
} from '../../../schema/relationships.ts';
import { defaultNeo4jTimeouts, type Neo4jTimeouts, type StoreConfig } from '../../config.ts';
import { incidentSchemaStatements } from './neo4jIncidents.ts';
import { NotFoundError, UnavailableError } from '../../errors.ts';
import { summaryOf } from '../auditSummary.ts';
import { accessSchemaStatements, insertAudit } from './neo4jAccess.ts';
import { changeSchemaStatements } from './neo4jChanges.ts';
import { Neo4jRecordLedgers } from './Neo4jRecordLedgers.ts';
import { restoreAfterValues } from '../../history/restoreAfterValues.ts';
import { boundedBreadthFirst } from '../boundedBreadthFirst.ts';
import { compareByDepthThenId, compareRelationshipKeys } from '../../../schema/ordering.ts';
import type {
  ApplyOptions, AssertionQuery, Batch, BatchResult, GraphStore, HistoryQuery, Page, RelianceRequest, MergeSettingsMark, ScopeMark, SearchQuery, StoredAssertion, Subgraph, SubgraphRequest,
  WriteContext,
} from '../GraphStore.ts';
import { batchSize, countPlan, largeBatchSize, planBatch, rowCounter, rowsToWrite } from '../planBatch.ts';
import { chunks, historyProperties, readCurrentState, writePlan } from './neo4jBatchWriter.ts';
import { validateBatch, validateRelianceRequest, validateSearchQuery, validateSubgraphRequest } from '../validateInput.ts';
import { extractRelianceGraph } from './extractRelianceGraph.ts';
import * as cypher from './cypher.ts';
import { Neo4jCircuit, type CircuitLog } from './Neo4jCircuit.ts';
import {
  bumpWriteVersion, checkWriteVersion, insertProposal, ledgerSchemaStatements, readAssertionNodes, readHistoryKeysAfter, readImportRuns, readProposals,
  readMergeSettings, readScopeMarks, readWriteVersion, writeLedger,
} from './neo4jLedger.ts';
import { toConfigItem, toHistoryEntry, toRelationship, toStoredCI } from './neo4jRecords.ts';

type Neo4jConfig = Extract<StoreConfig, { kind: 'neo4j' }>;

/** Connections to Neo4j per process (and as many again for the import worker). */
const maxConnections = 20;

/**
 * GraphStore on Neo4j through the official driver. Every unit of work runs
 * through a circuit breaker (Neo4jCircuit): bounded in time, tried again on
 * transient failures, refused at once while Neo4j is unreachable; so each
 * re-reads what it needs and is safe to run twice.
 */
export class Neo4jGraphStore extends Neo4jRecordLedgers implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly circuit: Neo4jCircuit;
  private readonly timeouts: Neo4jTimeouts;

  private constructor(circuit: Neo4jCircuit, timeouts: Neo4jTimeouts) {
    super();
    this.circuit = circuit;
    this.timeouts = timeouts;
  }

  /**
   * Connects, checks the server answers, and creates constraints and indexes
   * idempotently; `log` hears when Neo4j becomes unreachable and when it is back.
   */
  static async connect(config: Neo4jConfig, { log }: { log?: CircuitLog } = {}): Promise<Neo4jGraphStore> {
    const timeouts = config.timeouts ?? defaultNeo4jTimeouts;
    const auth = config.password ? neo4j.auth.basic(config.user, config.password) : undefined;
    // Nothing waits without end: connecting, waiting for a pooled connection and retrying are bounded;
    // transactions have a server-side timeout (Neo4jCircuit), and a stalled one opens the circuit.
    // The pool bounds the work this process puts on Neo4j at once. Work whose request has given up (its
    // deadline passed) keeps its connection until Neo4j ends it, so a pool of 100 let 32 callers pile up
    // to 100 transactions on a Neo4j slowed by an import, which then thrashed (load 70 on two cores).
    const connect = () => neo4j.driver(config.uri, auth, {
      disableLosslessIntegers: true, maxConnectionPoolSize: maxConnections, connectionTimeout: timeouts.connectionMs,
      connectionAcquisitionTimeout: timeouts.acquisitionMs, maxTransactionRetryTime: timeouts.maxRetryMs,
    });
    const driver = connect();
    try {
      await driver.verifyConnectivity({ database: config.database });
      const session = driver.session({ database: config.database, defaultAccessMode: neo4j.session.WRITE });
      try {
        const stored = (await session.run(cypher.readSchemaVersion)).records[0]?.get('version') as number | null | undefined;
        if (typeof stored === 'number' && stored > cypher.schemaVersion) {
          throw new Error(`its Trellis data has schema version ${stored}; this Trellis reads versions up to ${cypher.schemaVersion}`);
        }
        for (const statement of [...cypher.schemaStatements, ...ledgerSchemaStatements, ...accessSchemaStatements, ...changeSchemaStatements, ...incidentSchemaStatements]) await session.run(statement);
        await session.run(cypher.writeSchemaVersion, { version: neo4j.int(cypher.schemaVersion) });
      } finally {
        await session.close();
      }
      return new Neo4jGraphStore(new Neo4jCircuit(connect, driver, { database: config.database, timeouts, bookmarks: neo4j.bookmarkManager(), log }), timeouts);
    } catch (error) {
      await driver.close();
      throw new UnavailableError(`cannot use Neo4j at ${config.uri}: ${(error as Error).message}`, { cause: error });
    }
  }

  async applyBatch(batch: Batch, context: WriteContext, { onProgress, bulk }: ApplyOptions = {}): Promise<BatchResult> {
    const valid = validateBatch(batch);
    const batchId = randomUUID();
    const { plan, firstSeq } = await this.write(async (tx) => {
      const lastSeq = (await tx.run(cypher.lockHistory)).records[0]!.get('seq') as number;
      // Stamped under the write lock, so history times follow the sequence numbers.
      const at = new Date().toISOString();
      await checkWriteVersion(tx, valid);
      const plan = planBatch(valid, await readCurrentState(tx, valid));
      const total = rowsToWrite(plan, valid);
      const wrote = rowCounter(total, onProgress);
      await writePlan(tx, plan, at, context.source, wrote);
      if (await writeLedger(tx, valid, lastSeq + plan.history.length, wrote) || plan.history.length) await bumpWriteVersion(tx);
      const committing = () => onProgress?.({ phase: 'committing', done: total, total });
      const auditBatch = async (first?: number, last?: number) => {
        if (valid.audit) await insertAudit(tx, { ...valid.audit, summary: valid.audit.summary ?? summaryOf(countPlan(plan)) }, at, { batchId, firstSeq: first, lastSeq: last });
      };
      if (plan.history.length === 0) {
        await auditBatch();
        committing();
        return { plan, firstSeq: undefined };
      }
      const entries = plan.history.map((h, i) => historyProperties(h, lastSeq + 1 + i));
      for (const chunk of chunks(entries)) {
        await tx.run(cypher.createHistory, { entries: chunk, at, batchId, actor: context.actor, source: context.source });
        wrote(chunk.length);
      }
      await tx.run(cypher.setHistorySeq, { seq: lastSeq + plan.history.length });
      await auditBatch(lastSeq + 1, lastSeq + plan.history.length);
      // The commit follows the last statement: for an import of 100k resources it takes several seconds.
      committing();
      return { plan, firstSeq: lastSeq + 1 };
    }, batchSize(valid), bulk);
    const lastSeq = firstSeq === undefined ? undefined : firstSeq + plan.history.length - 1;
    return { batchId, ...countPlan(plan), firstSeq, lastSeq };
  }

  async findCI(id: string): Promise<StoredCI | undefined> {
    return (await this.findCIs([id]))[0];
  }

  async findCIs(ids: readonly string[]): Promise<StoredCI[]> {
    const found = new Map<string, StoredCI>();
    await this.read(async (tx) => {
      for (const chunk of chunks([...ids])) {
        for (const record of (await tx.run(cypher.readCIsById, { ids: chunk })).records) {
          const ci = toStoredCI((key) => record.get(key));
          found.set(ci.id, ci);
        }
      }
    });
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async listRelationshipsOf(id: string, types?: readonly RelationshipType[]): Promise<Relationship[]> {
    const records = await this.read(async (tx) => (await tx.run(cypher.findRelationshipsOf, { id })).records);
    return records.map((record) => toRelationship((key) => record.get(key))).filter((r) => !types || types.includes(r.type));
  }

  async findRelationship(key: RelationshipKey): Promise<Relationship | undefined> {
    const records = await this.read(async (tx) => (await tx.run(cypher.readRelationshipsByKey, { keys: [key] })).records);
    return records[0] && toRelationship((k) => records[0]!.get(k));
  }

  async findRelationships(keys: readonly RelationshipKey[]): Promise<Relationship[]> {
    return this.read(async (tx) => {
      const found: Relationship[] = [];
      for (const chunk of chunks([...keys])) {
        for (const record of (await tx.run(cypher.readRelationshipsByKey, { keys: chunk })).records) found.push(toRelationship((k) => record.get(k)));
      }
      return found;
    });
  }

  async readAssertions(query: AssertionQuery): Promise<{ assertions: StoredAssertion[]; version: number }> {
    return this.read(async (tx) => ({ version: await readWriteVersion(tx), assertions: await readAssertionNodes(tx, query) }));
  }

  async readScopeMarks(scopes: readonly string[]): Promise<{ marks: Map<string, ScopeMark>; settings?: MergeSettingsMark; version: number; seq: number }> {
    return this.read(async (tx) => ({
      version: await readWriteVersion(tx), marks: await readScopeMarks(tx, scopes), settings: await readMergeSettings(tx),
      seq: Number((await tx.run(cypher.readHistorySeq)).records[0]?.get('seq') ?? 0),
    }));
  }

  async listHistoryKeysAfter(seq: number, limit: number): Promise<string[] | undefined> {
    return this.read((tx) => readHistoryKeysAfter(tx, seq, limit));
  }

  async listImportRuns(query: { limit?: number }): Promise<ImportRun[]> {
    return this.read((tx) => readImportRuns(tx, pageLimit(query.limit)));
  }

  async saveProposal(proposal: PlanProposal): Promise<void> {
    await this.write((tx) => insertProposal(tx, proposal));
  }

  async listProposals(query: { limit?: number }): Promise<PlanProposal[]> {
    return this.read((tx) => readProposals(tx, pageLimit(query.limit)));
  }

  async findProposal(id: string): Promise<PlanProposal | undefined> {
    return (await this.read((tx) => readProposals(tx, 1, id)))[0];
  }

  async searchCIs(query: SearchQuery): Promise<Page<StoredCI>> {
    const { text, type, attributes, stale, limit, offset, countUpTo } = validateSearchQuery(query);
    const params = {
      text: text ? text.toLowerCase() : null, type: type ?? null, attributes: attributes ?? {},
      stale: stale ?? null, staleProperty: `a.${provenanceAttributes.staleSince}`,
    };
    return this.read(async (tx) => {
      const counted = countUpTo === undefined ? await tx.run(cypher.searchCIs('count'), params) : await tx.run(cypher.searchCIs('countUpTo'), { ...params, countUpTo: neo4j.int(countUpTo) });
      const total = counted.records[0]!.get('total') as number;
      const page = await tx.run(cypher.searchCIs('page'), { ...params, offset: neo4j.int(offset), limit: neo4j.int(limit) });
      return { items: page.records.map((record) => toStoredCI((key) => record.get(key))), total, ...(countUpTo !== undefined && total >= countUpTo ? { totalCapped: true as const } : {}) };
    });
  }

  async scanCIs(afterId: string | undefined, limit: number): Promise<ConfigItem[]> {
    const records = await this.read(async (tx) => (await tx.run(cypher.scanCIs, { after: afterId ?? '', limit: neo4j.int(limit) })).records);
    return records.map((record) => toConfigItem((key) => record.get(key)));
  }

  async scanRelationships(after: RelationshipKey | undefined, limit: number): Promise<Relationship[]> {
    const isAfter = (r: Relationship) => !after || compareRelationshipKeys(r, after) > 0;
    const found: Relationship[] = [];
    let from = after?.from ?? '';
    const ciLimit = Math.max(100, limit);
    return this.read(async (tx) => {
      for (;;) {
        const records = (await tx.run(cypher.scanRelationshipsFrom, { from, ciLimit: neo4j.int(ciLimit) })).records;
        let lastCI = from;
        for (const record of records) {
          lastCI = record.get('ci') as string;
          if (record.get('type') === null) continue;
          const r = toRelationship((key) => record.get(key === 'from' ? 'ci' : key));
          if (isAfter(r)) found.push(r);
        }
        const distinctCIs = new Set(records.map((record) => record.get('ci'))).size;
        if (found.length >= limit || distinctCIs < ciLimit) return found.slice(0, limit);
        from = `${lastCI}\u0000`;
      }
    });
  }

  async extractSubgraph(input: SubgraphRequest): Promise<Subgraph> {
    const request = validateSubgraphRequest(input);
    const types = request.relationshipTypes ?? relianceTypes;
    return this.read(async (tx) => {
      const existing = new Set((await tx.run(cypher.ciIdsExist, { ids: request.roots })).records.map((r) => r.get('id') as string));
      const missing = request.roots.filter((id) => !existing.has(id));
      if (missing.length) throw new NotFoundError(`unknown CI: ${missing.join(', ')}`, missing);
      const expand = cypher.expandLevel(types, request.direction === 'upstream');
      const { depths, truncated } = await boundedBreadthFirst({
        ...request,
        expand: async (frontier) => {
          const reached: string[] = [];
          for (const chunk of chunks(frontier)) {
            for (const record of (await tx.run(expand, { frontier: chunk })).records) reached.push(record.get('id') as string);
          }
          return reached;
        },
      });
      const ids = [...depths.keys()];
      const cis: Subgraph['cis'] = [];
      for (const chunk of chunks(ids)) {
        for (const record of (await tx.run(cypher.readSubgraphCIs, { ids: chunk })).records) {
          const ci = toConfigItem((key) => record.get(key));
          cis.push({ ...ci, depth: depths.get(ci.id)! });
        }
      }
      const relationships: Relationship[] = [];
      const among = cypher.relationshipsAmong(types);
      for (const record of (await tx.run(among, { ids })).records) relationships.push(toRelationship((key) => record.get(key)));
      cis.sort(compareByDepthThenId);
      relationships.sort(compareRelationshipKeys);
      return { cis, relationships, truncated };
    });
  }

  async extractRelianceGraph(input: RelianceRequest): Promise<RelianceGraph> {
    const request = validateRelianceRequest(input);
    const graph = await this.read((tx) => extractRelianceGraph(tx, request));
    return flagDepthBound(graph, request.maxDepth ?? limits.subgraphDepthDefault);
  }

  async listRelationshipKeysFrom(ids: readonly string[], types: readonly RelationshipType[]): Promise<RelationshipKey[]> {
    const keys: RelationshipKey[] = [];
    await this.read(async (tx) => {
      for (const chunk of chunks([...new Set(ids)])) {
        for (const record of (await tx.run(cypher.readRelationshipKeysFrom, { ids: chunk, types })).records) {
          keys.push({ from: record.get('from'), type: record.get('type'), to: record.get('to') });
        }
      }
    });
    return keys.sort(compareRelationshipKeys);
  }

  async findChangedSince(ids: readonly string[], since: string): Promise<Map<string, string>> {
    const changed = new Map<string, string>();
    await this.read(async (tx) => {
      for (const chunk of chunks([...ids])) {
        for (const record of (await tx.run(cypher.findChangedSince, { ids: chunk, since })).records) changed.set(record.get('id'), record.get('at'));
      }
    });
    return changed;
  }

  async listHistory(query: HistoryQuery): Promise<HistoryEntry[]> {
    const limit = Math.min(query.limit ?? limits.pageSizeMax, limits.pageSizeMax * 100);
    const params = { afterSeq: query.afterSeq ?? 0, until: query.until ?? null, ciId: query.ciId ?? null, limit: neo4j.int(limit) };
    const records = await this.read(async (tx) => (await tx.run(cypher.listHistory(query.newestFirst === true), params)).records);
    const entries = records.map((record) => toHistoryEntry((record.get('h') as { properties: Record<string, unknown> }).properties));
    // Values after each entry are filled in over entries in write order.
    if (query.newestFirst) entries.reverse();
    const restored = await this.restoreHistory(entries);
    return query.newestFirst ? restored.reverse() : restored;
  }

  /** Fills in the values after history entries (in write order) from the history and the graph. */
  private restoreHistory(entries: HistoryEntry[]): Promise<HistoryEntry[]> {
    return restoreAfterValues(entries, {
      nextBefore: (after) => this.read(async (tx) => {
        const found = new Map<string, ConfigItem | Relationship>();
        const rows = [...after].map(([key, seq]) => ({ key, seq: neo4j.int(seq) }));
        for (const chunk of chunks(rows)) {
          for (const record of (await tx.run(cypher.nextHistoryBefore, { after: chunk })).records) {
            const before = record.get('before') as string | null;
            if (before) found.set(record.get('key') as string, JSON.parse(before));
          }
        }
        return found;
      }),
      findCIs: (ids) => this.findCIs(ids),
      findRelationships: (keys) => this.findRelationships(keys),
    });
  }

  async countAll(): Promise<{ cis: number; relationships: number }> {
    const record = await this.read(async (tx) => (await tx.run(cypher.countAll)).records[0]!);
    return { cis: record.get('cis') as number, relationships: record.get('relationships') as number };
  }

  /** Resolves when Neo4j answers; while the circuit is open, fails at once. */
  async checkReady(): Promise<void> {
    await this.circuit.checkReady();
  }

  async close(): Promise<void> {
    await this.circuit.close();
  }

  /** Runs a unit of work in a read transaction (routed to a reader in a cluster). */
  protected read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.circuit.run({ mode: 'READ', timeoutMs: this.timeouts.transactionMs, retry: true }, work);
  }

  /**
   * Runs a unit of work in a write transaction, tried again on transient
   * failures, unless `entries` (rows, for a batch) make it an import. An
   * import is not tried again and has the import's transaction timeout: it
   * can take a minute, and one too large for Neo4j's transaction memory
   * (found while writing or at commit) would only fail again; it fails at
   * once with LimitExceededError saying what to do.
   */
  protected write<T>(work: (tx: ManagedTransaction) => Promise<T>, entries = 0, bulk = false): Promise<T> {
    const large = entries > largeBatchSize;
    const timeoutMs = large || bulk ? this.timeouts.importTransactionMs : this.timeouts.transactionMs;
    return this.circuit.run({ mode: 'WRITE', timeoutMs, retry: !large, entries, long: large || bulk }, work);
  }
}
