import { z } from 'zod';
import type { CIType } from './ciTypes.ts';
import type { StoredCI } from './configItem.ts';
import type { HistoryEntry } from './history.ts';
import { ciIdSchema } from './identifiers.ts';
import type { ImportRun } from './imports.ts';
import { limits } from './limits.ts';
import type { Relationship, RelationshipType } from './relationships.ts';

/**
 * What the explorer reads beyond the plain CRUD routes: maps (a neighbourhood,
 * the estate's service map), a CI's page, the estate at a glance. The server
 * answers in these shapes and the explorer reads them; both import them from here.
 */

/** Which way a map walks from its roots: what they rely on, what relies on them, or both. */
export const mapDirectionSchema = z.enum(['upstream', 'downstream', 'both']);
export type MapDirection = z.infer<typeof mapDirectionSchema>;

/** `GET /api/v1/maps/neighbourhood?ci=a&ci=b&depth=2&direction=both&maxCIs=` */
export const neighbourhoodRequestSchema = z.strictObject({
  roots: z.array(ciIdSchema).min(1, 'give at least one CI').max(limits.mapRootsMax, `at most ${limits.mapRootsMax} CIs`),
  depth: z.coerce.number().int().min(0).max(limits.mapDepthMax).default(limits.mapDepthDefault),
  direction: mapDirectionSchema.default('both'),
  maxCIs: z.coerce.number().int().min(1).max(limits.mapCIsMax).default(limits.mapCIsDefault),
});
export type NeighbourhoodRequest = z.input<typeof neighbourhoodRequestSchema>;

/**
 * What a map needs to know of a CI to draw, filter and roll it up, without its
 * whole attribute map (which for a cloud resource can be kilobytes).
 */
export interface MapFacets {
  /** Component kind, or Service kind (business / technical). */
  kind?: string;
  environment?: string;
  provider?: string;
  /** Service criticality, 1 most critical. */
  criticality?: number;
  /** Kubernetes namespace, for roll-up. */
  namespace?: string;
  /** Backstage entity kind (System, Component...), for roll-up. */
  backstageKind?: string;
  /** RedundancyGroup minHealthy. */
  minHealthy?: number;
  /** Scopes asserting it today (`trellis.sources`). */
  sources?: string[];
  /** ISO time since which no source asserts it (`trellis.staleSince`). */
  staleSince?: string;
}

/** A CI on a map: hop distance from the nearest root (0 for roots). */
export interface MapNode {
  id: string;
  type: CIType;
  name: string;
  depth: number;
  facets: MapFacets;
}

/** A relationship on a map. */
export interface MapEdge {
  from: string;
  type: RelationshipType;
  to: string;
  strength?: 'soft';
}

/** A neighbourhood: the CIs within `depth` hops of the roots and the reliance relationships among them. */
export interface Neighbourhood {
  roots: string[];
  nodes: MapNode[];
  edges: MapEdge[];
  /** True when the walk stopped at maxCIs: more lies beyond. */
  truncated: boolean;
}

/** A service on the estate's service map, with what it may be grouped by. */
export interface ServiceMapNode {
  id: string;
  name: string;
  criticality?: number;
  kind?: string;
  /** Owning team (OWNED_BY), id and name. */
  owner?: { id: string; name: string };
  /** `domain` / `system` attributes, or a Backstage system that relies on it. */
  domain?: string;
  system?: string;
  stale: boolean;
}

/**
 * Service-to-service reliance derived through what lies between them:
 * `from` relies on `to` through the chain `via` (intermediate CI ids, in order
 * from `from`'s side; empty for a direct relationship).
 */
export interface ServiceMapEdge {
  from: string;
  to: string;
  via: string[];
  /** Soft when no chain between them is made of hard reliance only. */
  strength?: 'soft';
}

/** `GET /api/v1/maps/services`: every service and the reliance between services. */
export interface ServiceMap {
  services: ServiceMapNode[];
  edges: ServiceMapEdge[];
  /** The store's write version the map was derived at (it is cached until the next write). */
  version: number;
}

/** A CI related to the one on a page, named so that the page need not look it up. */
export interface RelatedCI {
  id: string;
  type: CIType;
  name: string;
  stale: boolean;
}

/** A team that owns or supports the CI, with how to reach it. */
export interface TeamOfCI {
  relationship: 'OWNED_BY' | 'SUPPORTED_BY';
  team: StoredCI;
}

/** A contract covering the CI, with its supplier when the graph names one. */
export interface ContractOfCI {
  contract: StoredCI;
  supplier?: { id: string; name: string };
}

/** What one source says about the CI, and when a run last confirmed it. */
export interface SourceViewOfCI {
  scope: string;
  name: string;
  attributes: Record<string, unknown>;
  /** Start of the latest applied import run that covered the scope, when known. */
  confirmedAt?: string;
}

/** `GET /api/v1/cis/{id}/page`: everything the explorer's CI page shows, in one answer. */
export interface CIPage {
  ci: StoredCI;
  /** Relationships from this CI (what it relies on, who owns it...). */
  outgoing: Relationship[];
  /** Relationships to this CI (what relies on it...). */
  incoming: Relationship[];
  /** The CIs at the other end of those relationships. */
  related: RelatedCI[];
  teams: TeamOfCI[];
  contracts: ContractOfCI[];
  sources: SourceViewOfCI[];
  /** The latest history entries about it, newest first. */
  history: HistoryEntry[];
}

/** `GET /api/v1/overview`: the estate at a glance. */
export interface EstateOverview {
  cis: number;
  relationships: number;
  byType: Partial<Record<CIType, number>>;
  /** Services of criticality 1. */
  tier1Services: RelatedCI[];
  /** How many CIs no source asserts any more, and the first of them. */
  stale: { total: number; items: RelatedCI[] };
  lastImports: ImportRun[];
  store: 'embedded' | 'neo4j';
}

/** `GET /api/v1/cis/{id}/relationships`: a CI with the relationships that touch it, split by direction. */
export interface CIDetail {
  ci: StoredCI;
  /** Relationships from this CI (what it relies on, who owns it...). */
  outgoing: Relationship[];
  /** Relationships to this CI (what relies on it...). */
  incoming: Relationship[];
}
