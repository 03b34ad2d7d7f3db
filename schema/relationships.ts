import { z } from 'zod';
import type { CIType } from './ciTypes.ts';
import { attributesSchema, type Attributes } from './attributes.ts';
import { ciIdSchema } from './identifiers.ts';

/**
 * Relationship types and their meaning, exactly as impact-semantics.md defines them.
 * `A -[R]-> B` reads "A R B"; for reliance types it means A relies on B.
 */
export const relianceTypes = ['DEPENDS_ON', 'RUNS_ON', 'PROVIDED_BY', 'HAS_MEMBER'] as const;

/** Types that carry information only and never propagate state. */
export const informationalTypes = ['OWNED_BY', 'SUPPORTED_BY', 'COVERED_BY', 'AGREED_WITH', 'CONNECTS_TO'] as const;

/** Every relationship type; this is the allowlist of Neo4j relationship types. */
export const relationshipTypes = [...relianceTypes, ...informationalTypes] as const;

/** The name of a relationship type. */
export type RelationshipType = (typeof relationshipTypes)[number];

/** zod schema of a relationship type name. */
export const relationshipTypeSchema = z.enum(relationshipTypes);

/** True when state propagates along relationships of this type. */
export function isRelianceType(type: RelationshipType): boolean {
  return (relianceTypes as readonly string[]).includes(type);
}

/** How a dependent fares when a `DEPENDS_ON` target fails: hard (down) or soft (degraded). */
export const strengthSchema = z.enum(['hard', 'soft']);
export type Strength = z.infer<typeof strengthSchema>;

/** A relationship is identified by `(from, type, to)`. */
export interface RelationshipKey {
  from: string;
  type: RelationshipType;
  to: string;
}

/** A typed, directed relationship between two CIs. `strength` is only for `DEPENDS_ON`. */
export interface Relationship extends RelationshipKey {
  /** Present only on soft `DEPENDS_ON` (hard is the default and is not stored). */
  strength?: 'soft';
  /** Further properties of the relationship, kept as given. */
  attributes?: Attributes;
}

/** zod schema of a relationship key. */
export const relationshipKeySchema = z.object({
  from: ciIdSchema,
  type: relationshipTypeSchema,
  to: ciIdSchema,
});

/**
 * zod schema of a relationship as clients write it (flat: extra fields are
 * attributes), normalized to the canonical `Relationship` form.
 */
export const relationshipInputSchema = z
  .looseObject({
    from: ciIdSchema,
    type: relationshipTypeSchema,
    to: ciIdSchema,
    strength: strengthSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.strength !== undefined && r.type !== 'DEPENDS_ON') {
      ctx.addIssue({ code: 'custom', path: ['strength'], message: 'strength applies only to DEPENDS_ON' });
    }
    if (r.from === r.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a CI cannot relate to itself' });
  })
  .transform((input, ctx) => {
    const { from, type, to, strength, attributes: nested, ...rest } = input;
    if (nested !== undefined && (typeof nested !== 'object' || nested === null || Array.isArray(nested))) {
      ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'attributes must be an object' });
      return z.NEVER;
    }
    for (const key of Object.keys(nested ?? {})) {
      if (['from', 'type', 'to', 'strength', 'attributes'].includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['attributes', key], message: `"${key}" is reserved` });
      }
    }
    const parsed = attributesSchema.safeParse(nested === undefined ? rest : { ...rest, ...(nested as object) });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
      return z.NEVER;
    }
    const relationship: Relationship = { from, type, to };
    if (strength === 'soft') relationship.strength = 'soft';
    if (Object.keys(parsed.data).length > 0) relationship.attributes = parsed.data;
    return relationship;
  });

/**
 * Which CI types a relationship may join, from the meaning of each type
 * (impact-semantics.md): people and agreements never carry reliance, ownership
 * points at a team, cover at a contract, an agreement joins a contract to its
 * supplier, and only a redundancy group has members.
 */
const endpointRules: Partial<Record<RelationshipType, { from?: readonly CIType[]; to?: readonly CIType[] }>> = {
  HAS_MEMBER: { from: ['RedundancyGroup'] },
  OWNED_BY: { to: ['Team'] },
  SUPPORTED_BY: { to: ['Team', 'Supplier'] },
  COVERED_BY: { to: ['Contract'] },
  AGREED_WITH: { from: ['Contract'], to: ['Supplier'] },
};
const neverRelied: readonly CIType[] = ['Team', 'Contract'];

/** Why a relationship of `type` cannot join a `fromType` to a `toType`, or undefined when it can. */
export function endpointProblem(type: RelationshipType, fromType: CIType, toType: CIType): string | undefined {
  const rule = endpointRules[type];
  if (rule?.from && !rule.from.includes(fromType)) return `${type} must start at a ${rule.from.join(' or ')}, not a ${fromType}`;
  if (rule?.to && !rule.to.includes(toType)) return `${type} must point at a ${rule.to.join(' or ')}, not a ${toType}`;
  if (isRelianceType(type)) {
    const end = neverRelied.includes(fromType) ? fromType : neverRelied.includes(toType) ? toType : undefined;
    if (end) return `a ${end} carries no reliance: ${type} cannot join a ${fromType} to a ${toType}`;
  }
  return undefined;
}

/** The key whose text (relationshipKeyText) this is. */
export function relationshipKeyOfText(text: string): RelationshipKey {
  const [from, type, to] = text.split(' ') as [string, RelationshipType, string];
  return { from, type, to };
}

/** The stable text key of a relationship, for maps and logs: `from TYPE to`. */
export function relationshipKeyText(key: RelationshipKey): string {
  return `${key.from} ${key.type} ${key.to}`;
}

/**
 * How each relationship type reads, from either end: `from` "depends on" `to`,
 * `to` is "depended on by" `from`. The inverse is derived for display, never stored.
 */
export const relationshipWording: Record<RelationshipType, { forward: string; inverse: string }> = {
  DEPENDS_ON: { forward: 'depends on', inverse: 'depended on by' },
  RUNS_ON: { forward: 'runs on', inverse: 'runs' },
  PROVIDED_BY: { forward: 'provided by', inverse: 'provides' },
  HAS_MEMBER: { forward: 'has member', inverse: 'member of' },
  OWNED_BY: { forward: 'owned by', inverse: 'owns' },
  SUPPORTED_BY: { forward: 'supported by', inverse: 'supports' },
  COVERED_BY: { forward: 'covered by', inverse: 'covers' },
  AGREED_WITH: { forward: 'agreed with', inverse: 'has agreement' },
  CONNECTS_TO: { forward: 'connects to', inverse: 'connected from' },
};
