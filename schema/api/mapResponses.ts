import { z } from 'zod';
import type { MapEdge, MapFacets, MapNode, Neighbourhood, ServiceMap, ServiceMapEdge, ServiceMapNode } from '../explorer.ts';
import { ciTypeEnumSchema, relationshipTypeEnumSchema } from './catalogResponses.ts';
import { mirror } from './mirror.ts';

/** Response bodies of the maps: `GET /api/v1/maps/neighbourhood` and `GET /api/v1/maps/services`. */

export const mapFacetsSchema = mirror<MapFacets>()(
  z
    .object({
      kind: z.string().optional().meta({ description: 'Component kind, or Service kind (business / technical).' }),
      environment: z.string().optional(),
      provider: z.string().optional(),
      criticality: z.number().optional().meta({ description: 'The `criticality` attribute (for a service, 1 is most critical).' }),
      namespace: z.string().optional().meta({ description: 'Kubernetes namespace.' }),
      backstageKind: z.string().optional().meta({ description: 'Backstage entity kind (System, Component...).' }),
      minHealthy: z.number().optional().meta({ description: 'The `minHealthy` attribute of a redundancy group.' }),
      sources: z.array(z.string()).optional().meta({ description: 'Import scopes asserting the CI today (`trellis.sources`).' }),
      staleSince: z.string().optional().meta({ description: 'The `trellis.staleSince` attribute: since when no source asserts the CI (an ISO time when an import set it).' }),
    })
    .meta({ id: 'MapFacets', description: 'What a map needs of a CI\'s attributes to draw, filter and group it; a facet is present only when its attribute is, with the right type.' }),
);

export const mapNodeSchema = mirror<MapNode>()(
  z
    .object({
      id: z.string(),
      type: ciTypeEnumSchema,
      name: z.string(),
      depth: z.int().meta({ description: 'Reliance hops from the nearest root (0 for roots).' }),
      facets: mapFacetsSchema,
    })
    .meta({ id: 'MapNode', description: 'A CI on a map.' }),
);

export const mapEdgeSchema = mirror<MapEdge>()(
  z
    .object({
      from: z.string(),
      type: relationshipTypeEnumSchema,
      to: z.string(),
      strength: z.literal('soft').optional().meta({ description: 'Present (`soft`) only on a soft DEPENDS_ON.' }),
    })
    .meta({ id: 'MapEdge', description: 'A reliance relationship on a map.' }),
);

export const neighbourhoodSchema = mirror<Neighbourhood>()(
  z
    .object({
      roots: z.array(z.string()).meta({ description: 'The CIs asked for, each once.' }),
      nodes: z.array(mapNodeSchema).meta({ description: 'Nearest first, then by id.' }),
      edges: z.array(mapEdgeSchema).meta({ description: 'The reliance relationships among the nodes, by from, type, to.' }),
      truncated: z.boolean().meta({ description: 'True when the walk stopped at maxCIs: more lies beyond.' }),
    })
    .meta({ id: 'Neighbourhood', description: 'The CIs within `depth` reliance hops of the roots, and the reliance relationships among them.' }),
);

export const serviceMapNodeSchema = mirror<ServiceMapNode>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      criticality: z.int().optional().meta({ description: '1 is most critical.' }),
      kind: z.string().optional().meta({ description: 'business or technical.' }),
      owner: z.object({ id: z.string(), name: z.string() }).optional().meta({ description: 'The owning team (OWNED_BY).' }),
      domain: z.string().optional().meta({ description: 'The `domain` attribute.' }),
      system: z.string().optional().meta({ description: 'The `system` attribute.' }),
      stale: z.boolean().meta({ description: 'True when no source asserts the service any more.' }),
    })
    .meta({ id: 'ServiceMapNode', description: 'A service on the service map, with what it may be grouped by.' }),
);

export const serviceMapEdgeSchema = mirror<ServiceMapEdge>()(
  z
    .object({
      from: z.string(),
      to: z.string(),
      via: z.array(z.string()).meta({ description: 'The CIs between them, in order from `from`\'s side; empty for a direct relationship.' }),
      strength: z.literal('soft').optional().meta({ description: 'Present (`soft`) when no chain between them is made of hard reliance only.' }),
    })
    .meta({ id: 'ServiceMapEdge', description: 'A service (`from`) relying on another (`to`) through what lies between them.' }),
);

export const serviceMapSchema = mirror<ServiceMap>()(
  z
    .object({
      services: z.array(serviceMapNodeSchema).meta({ description: 'Every service, by id.' }),
      edges: z.array(serviceMapEdgeSchema),
      version: z.int().meta({ description: 'The store\'s write version the map was derived at.' }),
    })
    .meta({ id: 'ServiceMap', description: 'Every service and the reliance between services.' }),
);
