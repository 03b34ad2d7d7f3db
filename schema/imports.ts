import type { Attributes, JsonValue } from './attributes.ts';
import type { CIType } from './ciTypes.ts';
import type { RelationshipType } from './relationships.ts';

/**
 * What importers produce and what the reconciliation engine keeps: snapshots of
 * a source, assertions per scope (provenance) and import run records.
 */

/** The kinds of source an import can come from; a scope starts with its kind (`aws:...`). */
export const sourceKinds = ['terraform', 'aws', 'kubernetes', 'backstage', 'estate'] as const;
export type SourceKind = (typeof sourceKinds)[number];

/** The source kind of a scope string such as `terraform:<lineage>`. */
export function sourceKindOf(scope: string): SourceKind | undefined {
  const kind = scope.slice(0, scope.indexOf(':'));
  return (sourceKinds as readonly string[]).includes(kind) ? (kind as SourceKind) : undefined;
}

/** One real thing as a source sees it. */
export interface SnapshotItem {
  /** The scope this item belongs to; one of the snapshot's scopes. */
  scope: string;
  /** Identity keys, strongest first (ARN, Kubernetes uid, Terraform address...); the CI id derives from the first. */
  keys: string[];
  type: CIType;
  name: string;
  attributes: Attributes;
  /** Where in the input the item came from, for warnings (`resources[3] aws_lb.main`). */
  place?: string;
}

/** A relationship as a source sees it; ends are identity keys of items (this or an earlier import). */
export interface SnapshotRelationship {
  scope: string;
  from: string;
  type: RelationshipType;
  to: string;
  strength?: 'soft';
  place?: string;
}

/** A scope the source should have covered but could not read: it withdraws nothing. */
export interface CoverageGap {
  scope: string;
  reason: string;
}

/** Something an import could not map or had to leave out, named precisely. */
export interface ImportWarning {
  code: 'unmapped_type' | 'dangling_reference' | 'duplicate' | 'dropped_secret' | 'skipped' | 'malformed' | 'inferred';
  file?: string;
  place?: string;
  message: string;
}

/** A complete reading of one source over the scopes it fully covers. */
export interface Snapshot {
  source: SourceKind;
  /** Scopes this snapshot covers completely: what they no longer contain is withdrawn. */
  scopes: string[];
  gaps: CoverageGap[];
  items: SnapshotItem[];
  relationships: SnapshotRelationship[];
  warnings: ImportWarning[];
}

/** What one scope says about a CI: its own view, before merging with other sources. */
export interface CIAssertionBody {
  keys: string[];
  type: CIType;
  name: string;
  attributes: Attributes;
}

/** What one scope says about a relationship. */
export interface RelationshipAssertionBody {
  strength?: 'soft';
}

/** A scope's assertion about one CI (subject = CI id) or relationship (subject = key text). */
export type Assertion =
  | { scope: string; kind: 'ci'; subject: string; body: CIAssertionBody }
  | { scope: string; kind: 'relationship'; subject: string; body: RelationshipAssertionBody };

/** Identifies an assertion. */
export interface AssertionKey {
  scope: string;
  subject: string;
}

/** Counts of what a run did (or, dry, would do). */
export interface ImportCounts {
  items: number;
  relationships: number;
  created: number;
  updated: number;
  withdrawn: number;
  stale: number;
  unchanged: number;
}

/** The record of one import run. */
export interface ImportRun {
  id: string;
  source: SourceKind;
  /** What was imported (file or endpoint), for people. */
  input: string;
  scopes: string[];
  gaps: CoverageGap[];
  actor: string;
  startedAt: string;
  durationMs: number;
  status: 'applied' | 'dry-run' | 'failed';
  counts: ImportCounts;
  warnings: ImportWarning[];
  errors: string[];
}

/** Attributes the reconciliation engine owns on every imported CI and relationship. */
export const provenanceAttributes = {
  /** Sorted scopes that assert the CI or relationship today. */
  sources: 'trellis.sources',
  /** When no source asserted it any more (ISO time); absent while some source does. */
  staleSince: 'trellis.staleSince',
} as const;

/** One attribute that an update changes. */
export interface AttributeChange {
  attribute: string;
  before?: JsonValue;
  after?: JsonValue;
}

/** What a run changes, for people (the dry-run output) and for the run record. */
export interface ReconcileDiff {
  created: string[];
  updated: { id: string; changes: AttributeChange[] }[];
  /** Subjects this source asserted before in a covered scope and no longer does. */
  withdrawn: string[];
  /** Subjects no source asserts any more, flagged stale by this run. */
  stale: string[];
  unchanged: number;
}

/** What an import run did (or, dry, would do): the run record and the diff, as the API answers it. */
export interface ImportOutcome {
  run: ImportRun;
  diff: ReconcileDiff;
}

/** What retiring stale CIs and relationships removed (or, dry, would remove). */
export interface RetireOutcome {
  graceDays: number;
  cis: string[];
  relationships: string[];
  dryRun: boolean;
}
