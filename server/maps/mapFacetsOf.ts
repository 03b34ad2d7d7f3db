import type { Attributes } from '../../schema/attributes.ts';
import type { MapFacets } from '../../schema/explorer.ts';
import { provenanceAttributes } from '../../schema/imports.ts';

/** Facets read as strings, and the attribute each comes from. */
const textFacets = {
  kind: 'kind',
  environment: 'environment',
  provider: 'provider',
  namespace: 'namespace',
  backstageKind: 'backstage.kind',
  staleSince: provenanceAttributes.staleSince,
} as const satisfies Partial<Record<keyof MapFacets, string>>;

/** Facets read as numbers. */
const numberFacets = { criticality: 'criticality', minHealthy: 'minHealthy' } as const satisfies Partial<Record<keyof MapFacets, string>>;

/**
 * What a map needs of a CI's attributes to draw, filter and roll it up. A facet
 * is there only when its attribute is, with the right type (a malformed value is
 * left out, not passed on).
 */
export function mapFacetsOf(attributes: Attributes): MapFacets {
  const facets: MapFacets = {};
  for (const [facet, attribute] of Object.entries(textFacets) as [keyof typeof textFacets, string][]) {
    const value = attributes[attribute];
    if (typeof value === 'string') facets[facet] = value;
  }
  for (const [facet, attribute] of Object.entries(numberFacets) as [keyof typeof numberFacets, string][]) {
    const value = attributes[attribute];
    if (typeof value === 'number' && Number.isFinite(value)) facets[facet] = value;
  }
  const sources = attributes[provenanceAttributes.sources];
  if (Array.isArray(sources) && sources.every((s) => typeof s === 'string')) facets.sources = sources as string[];
  return facets;
}

/** True when no source asserts the CI any more (`trellis.staleSince` holds a time), as the store's `stale` search has it. */
export function isStale(attributes: Attributes): boolean {
  return typeof attributes[provenanceAttributes.staleSince] === 'string';
}
