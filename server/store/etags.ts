import { createHash } from 'node:crypto';
import { canonicalJson } from '../../schema/attributes.ts';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { Relationship } from '../../schema/relationships.ts';

/**
 * Strong entity tags: a hash of the canonical content (type, name, attributes;
 * for a relationship its key, strength and attributes). Every write that changes
 * the content changes the tag, and both stores give the same tag for the same
 * content, so a client can hold it across a switch of store.
 */
export function etagOfCI(ci: ConfigItem): string {
  return tagOf(canonicalJson({ id: ci.id, type: ci.type, name: ci.name, attributes: ci.attributes }));
}

/** The entity tag of a relationship (see etagOfCI). */
export function etagOfRelationship(r: Relationship): string {
  return tagOf(canonicalJson({ from: r.from, type: r.type, to: r.to, strength: r.strength ?? 'hard', attributes: r.attributes ?? {} }));
}

function tagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}
