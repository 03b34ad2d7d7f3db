import type { SourceKind } from '../../schema/imports.ts';

/** Per attribute, the source kinds in order of authority (first wins); unlisted kinds rank after listed ones. */
export type Precedence = Partial<Record<string, SourceKind[]>>;

/** Who the organisation says a thing is and is for: declared sources win. */
const intentOrder: SourceKind[] = ['backstage', 'estate', 'terraform', 'kubernetes', 'aws'];
/** What the thing is right now: the live APIs win. */
const liveOrder: SourceKind[] = ['aws', 'kubernetes', 'terraform', 'backstage', 'estate'];

/** Attributes about ownership and intent; everything else is live state. */
const intentAttributes = new Set([
  'type', 'name', 'strength', 'owner', 'team', 'criticality', 'description', 'lifecycle', 'system', 'domain', 'tier', 'sla', 'contacts', 'onCall', 'escalation',
]);

/** Rank of a source kind for an attribute: lower wins. */
export function rankOf(attribute: string, kind: SourceKind, precedence?: Precedence): number {
  const order = precedence?.[attribute] ?? (intentAttributes.has(attribute) ? intentOrder : liveOrder);
  const rank = order.indexOf(kind);
  return rank === -1 ? order.length : rank;
}
