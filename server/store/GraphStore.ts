import type { AuditDraft } from '../../schema/access.ts';
import type { ConfigItem, StoredCI } from '../../schema/configItem.ts';
import type { AccessLedger } from './AccessLedger.ts';
import type { ChangeLedger } from './ChangeLedger.ts';
import type { IncidentLedger } from './IncidentLedger.ts';
import type { PlanBasis } from './planStillHolds.ts';
import type { CIType } from '../../schema/ciTypes.ts';
import type { HistoryEntry, WriteOutcome } from '../../schema/history.ts';
import type { Page } from '../../schema/queries.ts';
import type { Assertion, AssertionKey, ImportRun } from '../../schema/imports.ts';
import type { PlanProposal } from '../../schema/proposals.ts';
import type { RelianceGraph } from '../../schema/relianceGraph.ts';
import type { Relationship, RelationshipKey, RelationshipType } from '../../schema/relationships.ts';

/**
 * The storage port. Every adapter (embedded, Neo4j) implements exactly this and
 * speaks schema types only; the contract suite in test/contract holds them to it.
 */
export interface GraphStore extends AccessLedger, ChangeLedger, IncidentLedger {
  /** Which adapter this is, for health output and logs. */
  readonly kind: 'embedded' | 'neo4j';

  /**
   * Applies a batch all-or-nothing and records history for what actually changed.
   * Throws InvalidError (and writes nothing) when any part breaks a rule.
   */
  applyBatch(batch: Batch, context: WriteContext, options?: ApplyOptions): Promise<BatchResult>;

  /** The CI with this id, or undefined. */
  findCI(id: string): Promise<StoredCI | undefined>;
  /** The CIs among `ids` that exist, in the order of `ids`. */
  findCIs(ids: readonly string[]): Promise<StoredCI[]>;
  /** Relationships touching a CI (either end), optionally of given types, sorted by key. */
  listRelationshipsOf(id: string, types?: readonly RelationshipType[]): Promise<Relationship[]>;
  /** Finds a relationship by key, or undefined. */
  findRelationship(key: RelationshipKey): Promise<Relationship | undefined>;
  /** The relationships among `keys` that exist. */
  findRelationships(keys: readonly RelationshipKey[]): Promise<Relationship[]>;
  /**
   * Assertions in any of `scopes` or about any of `subjects`, with the store's
   * write version (pass it back as `Batch.expectedVersion` to write only if
   * nothing was written in between).
   */
  readAssertions(query: AssertionQuery): Promise<{ assertions: StoredAssertion[]; version: number }>;
  /**
   * The marks of those of `scopes` that a run reconciled, the merge settings of
   * the latest runs, with the store's write version and its last history seq
   * (read together: what was written after that seq is what a plan made on this read did not see).
   */
  readScopeMarks(scopes: readonly string[]): Promise<{ marks: Map<string, ScopeMark>; settings?: MergeSettingsMark; version: number; seq: number }>;
  /**
   * Keys (CI ids and relationship key texts) of the history entries after `seq`,
   * each once; undefined when there are more than `limit` of them.
   */
  listHistoryKeysAfter(seq: number, limit: number): Promise<string[] | undefined>;
  /** Import runs, newest first. */
  listImportRuns(query: { limit?: number }): Promise<ImportRun[]>;
  /** Keeps a proposal (a plan read from a file); the graph is not touched. */
  saveProposal(proposal: PlanProposal): Promise<void>;
  /** Proposals, newest first. */
  listProposals(query: { limit?: number }): Promise<PlanProposal[]>;
  /** A proposal by id, or undefined. */
  findProposal(id: string): Promise<PlanProposal | undefined>;
  /** CIs matching a query, sorted by id, one page at a time. */
  searchCIs(query: SearchQuery): Promise<Page<StoredCI>>;
  /** CIs in id order after `afterId`, for full scans (export). */
  scanCIs(afterId: string | undefined, limit: number): Promise<ConfigItem[]>;
  /** Relationships in key order after `after`, for full scans (export). */
  scanRelationships(after: RelationshipKey | undefined, limit: number): Promise<Relationship[]>;
  /** The part of the graph reachable from `roots` in one direction, within bounds. */
  extractSubgraph(request: SubgraphRequest): Promise<Subgraph>;
  /**
   * The reliance graph reachable from `roots` (upstream: what they rely on;
   * downstream: what relies on them) in the compact form analysis reads.
   * Throws NotFoundError naming unknown roots, LimitExceededError past maxCIs
   * unless `onLimit` is `truncate`.
   */
  extractRelianceGraph(request: RelianceRequest): Promise<RelianceGraph>;
  /** Keys of the relationships of the given types that start at any of `ids`, sorted. */
  listRelationshipKeysFrom(ids: readonly string[], types: readonly RelationshipType[]): Promise<RelationshipKey[]>;
  /** For each of `ids` changed (name, type or attributes) at or after `since` (creation does not count), the time of its last change. */
  findChangedSince(ids: readonly string[], since: string): Promise<Map<string, string>>;
  /** History entries in write order (or newest first), filtered. */
  listHistory(query: HistoryQuery): Promise<HistoryEntry[]>;
  /** How many CIs and relationships the store holds. */
  countAll(): Promise<{ cis: number; relationships: number }>;
  /** Throws UnavailableError when the store cannot serve requests. */
  checkReady(): Promise<void>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** One all-or-nothing write. Deletions are applied before upserts. */
export interface Batch {
  upsertCIs?: ConfigItem[];
  /** CIs to withdraw; their relationships are withdrawn with them. */
  deleteCIs?: string[];
  upsertRelationships?: Relationship[];
  deleteRelationships?: RelationshipKey[];
  /**
   * Provenance changes of a reconciliation run, written with the graph changes.
   * Each `reconciled` scope gets a mark (see ScopeMark) at the last history seq
   * once the batch is in; any other scope the batch writes assertions into
   * loses its mark, which no longer describes what it holds. `settings` are the
   * run's merge settings (see MergeSettingsMark).
   */
  assertions?: { upsert?: Assertion[]; withdraw?: AssertionKey[]; reconciled?: { scope: string; digest: string }[]; settings?: string };
  /** The run's record, written with its changes. */
  importRun?: ImportRun;
  /** Refuse the batch (ConflictError, nothing written) unless the write version still equals this. */
  expectedVersion?: number;
  /**
   * With expectedVersion: what the write was planned on. The store checks
   * under its write lock whether the writes since leave the plan true
   * (store/planStillHolds.ts) and then writes it onto the newer version instead
   * of refusing it; a long import is not starved by a steady stream of edits.
   */
  rebase?: PlanBasis;
  /**
   * Versions the caller based its write on (If-Match, create-only), checked
   * under the write lock so that of concurrent writers holding one version
   * exactly one wins. Nothing is written when any fails.
   */
  expect?: Expectation[];
  /** The audit entry of the request that writes this batch, written with it (with its batch id and history seqs). */
  audit?: AuditDraft;
}

/**
 * One CI or relationship the write expects in a given version: `etag` is its
 * entity tag (see etags.ts) or `*` for any version (it must exist); null means
 * it must not exist, and `whenPresent` says what to answer if it does.
 */
export type Expectation = ({ ci: string } | { relationship: RelationshipKey }) & (
  | { etag: string }
  | { etag: null; whenPresent: 'already_exists' | 'precondition_required' }
);

/**
 * An assertion as stored: `bodyText` is the canonical JSON of its body (the
 * body itself is parsed when first read, so comparing texts parses nothing).
 */
export type StoredAssertion = Assertion & { bodyText: string };

/**
 * What a store remembers of the last run that reconciled a scope completely:
 * the last history seq once its batch was in (what changed later was not
 * planned with it) and the digest of the scope's assertions after it.
 */
export interface ScopeMark {
  seq: number;
  /** The store's write version once that batch was in. */
  version: number;
  digest: string;
}

/**
 * The merge settings of the latest import runs, and the write version once the
 * first run with them was in (a version, not a history seq: runs that change
 * nothing in the graph count too). Since then every run merged with them.
 */
export interface MergeSettingsMark {
  fingerprint: string;
  since: number;
}

/** Which assertions to read: those in any of the scopes, about any of the subjects, or relationships touching any of the CIs. */
export interface AssertionQuery {
  scopes?: readonly string[];
  subjects?: readonly string[];
  /** CI ids: relationship assertions with one of them at either end. */
  touching?: readonly string[];
  /** Leave out assertions of these scopes (a caller that has read them already). */
  exceptScopes?: readonly string[];
}

/** How a caller follows a batch being written. */
export interface ApplyOptions {
  /**
   * Called as the batch goes: as its rows are written (`done` of `total` rows
   * the plan writes: graph, history and ledger), and before the commit, which
   * for a large batch takes a while of its own.
   */
  onProgress?: (progress: WriteProgress) => void;
  /**
   * An import or an estate file, however small: it may take as long as an
   * import may (TRELLIS_IMPORT_TIMEOUT_MS) rather than a request's deadline.
   */
  bulk?: boolean;
}

export interface WriteProgress {
  phase: 'writing' | 'committing';
  done: number;
  total: number;
}

/** Who writes, and from which source; recorded in history. */
export interface WriteContext {
  actor: string;
  source: string;
  /** The request that asks for the write, for its audit entry (use cases put it in `Batch.audit`). */
  origin?: RequestOrigin;
}

/** Where a write was asked from: the client's address and the request's id (the CLI gives its own). */
export interface RequestOrigin {
  clientAddress: string;
  requestId: string;
}

/** What a batch changed (see WriteOutcome). */
export type BatchResult = WriteOutcome;

/** A CI search: every given criterion must hold. */
export interface SearchQuery {
  /** Case-insensitive substring of the id or the name. */
  text?: string;
  type?: CIType;
  /** Exact match on top-level scalar attributes. */
  attributes?: Record<string, string | number | boolean>;
  /** True: only CIs flagged stale (`trellis.staleSince` holds a time: no source asserts them any more); false: only those not flagged. */
  stale?: boolean;
  limit?: number;
  offset?: number;
  /** Count matches only up to this many: `total` is then at most this, and the page says `totalCapped`. */
  countUpTo?: number;
}

export type { Page };

/**
 * A bounded traversal. `upstream` follows relationships forward (what the roots
 * rely on); `downstream` follows them backward (what relies on the roots).
 */
export interface SubgraphRequest {
  roots: string[];
  direction: 'upstream' | 'downstream';
  /** Types to follow; defaults to the reliance types. */
  relationshipTypes?: readonly RelationshipType[];
  maxDepth?: number;
  maxCIs?: number;
  /** At the size limit: throw LimitExceededError (default) or return a truncated subgraph. */
  onLimit?: 'error' | 'truncate';
}

/** A bounded reliance traversal: SubgraphRequest over the reliance types. */
export type RelianceRequest = Omit<SubgraphRequest, 'relationshipTypes'>;

/** CIs reached (with their hop distance from the nearest root) and the relationships among them. */
export interface Subgraph {
  cis: Array<ConfigItem & { depth: number }>;
  /** Every relationship of the followed types whose two ends are both in `cis`. */
  relationships: Relationship[];
  truncated: boolean;
}

/** Filters for reading history. */
export interface HistoryQuery {
  /** Entries about this CI and about relationships that touch it. */
  ciId?: string;
  /** Entries with seq greater than this. */
  afterSeq?: number;
  /** Entries written at or before this ISO time. */
  until?: string;
  limit?: number;
  /** The newest `limit` matching entries, newest first, instead of the oldest in write order. */
  newestFirst?: boolean;
}
