import type { StoredCI } from '../../schema/configItem.ts';
import type { RelatedCI } from '../../schema/explorer.ts';
import { isStale } from '../maps/mapFacetsOf.ts';

/** A CI as the explorer names it beside another (a CI page, the overview's lists). */
export function toRelatedCI(ci: StoredCI): RelatedCI {
  return { id: ci.id, type: ci.type, name: ci.name, stale: isStale(ci.attributes) };
}
