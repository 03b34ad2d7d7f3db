import type { CIType } from '../../../schema/ciTypes.ts';
import { ciTypeCode } from '../../../schema/relianceGraph.ts';
import { relationshipTypes, type RelationshipType } from '../../../schema/relationships.ts';

/** Code of each relationship type in packed entries; soft `DEPENDS_ON` has a code of its own. */
const typeCode = new Map<RelationshipType, number>(relationshipTypes.map((type, code) => [type, code]));
const softDependsOn = relationshipTypes.length;
const typeBits = 4;
const codeMask = (1 << typeBits) - 1;

/** Relationship type of each edge code (the soft DEPENDS_ON code included). */
export const typeOfCode: readonly RelationshipType[] = [...relationshipTypes, 'DEPENDS_ON'];

/** Edge codes that analysis tells apart: group membership and soft dependency. */
export const memberCode = typeCode.get('HAS_MEMBER')!;
export const softCode = softDependsOn;

/** A set of relationship types as a bit mask over edge codes, for the traversal's inner loop. */
export function typeMask(types: readonly RelationshipType[]): number {
  let mask = 0;
  for (const type of types) mask |= 1 << typeCode.get(type)!;
  if (types.includes('DEPENDS_ON')) mask |= 1 << softDependsOn;
  return mask;
}

/** What the index keeps of a CI: what traversal and impact analysis read, nothing more. */
export interface IndexedCI {
  id: string;
  type: CIType;
  name: string;
  minHealthy?: number;
  criticality?: number;
}

/**
 * In-memory graph of the embedded store: CI ids interned to integers, per CI the
 * few fields analysis needs, and its outgoing and incoming relationships packed
 * as `neighbour << 4 | code`. Attributes stay in SQLite.
 */
export class AdjacencyIndex {
  readonly ids: (string | undefined)[] = [];
  readonly names: string[] = [];
  readonly typeCodes: number[] = [];
  readonly minHealthy: number[] = [];
  readonly criticality: number[] = [];
  readonly outgoing: (number[] | undefined)[] = [];
  readonly incoming: (number[] | undefined)[] = [];
  private readonly indexOf = new Map<string, number>();
  private readonly free: number[] = [];

  /** Number of CIs indexed. */
  get size(): number {
    return this.indexOf.size;
  }

  /** Upper bound of node numbers in use (for sizing scratch arrays). */
  get capacity(): number {
    return this.ids.length;
  }

  /** The integer of a CI id, or undefined when unknown. */
  find(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  /** The CI id of an integer. */
  idAt(index: number): string {
    return this.ids[index]!;
  }

  /** Adds or updates a CI and returns its integer. */
  setCI(ci: IndexedCI): number {
    let index = this.indexOf.get(ci.id);
    if (index === undefined) {
      index = this.free.pop() ?? this.ids.length;
      this.ids[index] = ci.id;
      this.indexOf.set(ci.id, index);
    }
    this.names[index] = ci.name;
    this.typeCodes[index] = ciTypeCode.get(ci.type)!;
    this.minHealthy[index] = ci.type === 'RedundancyGroup' ? Math.max(1, Math.trunc(ci.minHealthy ?? 1)) : 0;
    this.criticality[index] = Number.isInteger(ci.criticality) ? ci.criticality! : 0;
    return index;
  }

  /** Removes a CI and every relationship touching it. */
  removeCI(id: string): void {
    const index = this.indexOf.get(id);
    if (index === undefined) return;
    for (const packed of this.outgoing[index] ?? []) drop(this.incoming, packed >>> typeBits, (index << typeBits) | (packed & codeMask));
    for (const packed of this.incoming[index] ?? []) drop(this.outgoing, packed >>> typeBits, (index << typeBits) | (packed & codeMask));
    this.outgoing[index] = undefined;
    this.incoming[index] = undefined;
    this.ids[index] = undefined;
    this.names[index] = '';
    this.indexOf.delete(id);
    this.free.push(index);
  }

  /** Adds a relationship between two indexed CIs, replacing it if only its strength differs. */
  setRelationship(from: string, type: RelationshipType, to: string, soft: boolean): void {
    const a = this.indexOf.get(from);
    const b = this.indexOf.get(to);
    if (a === undefined || b === undefined) throw new Error(`index out of step: ${from} ${type} ${to} names an unknown CI`);
    // Look in the (usually short) outgoing list first: a hub's incoming list can be huge.
    const existing = this.outgoing[a];
    if (existing?.some((packed) => packed >>> typeBits === b && typeOfCode[packed & codeMask] === type)) this.removeRelationship(from, type, to);
    const code = soft && type === 'DEPENDS_ON' ? softDependsOn : typeCode.get(type)!;
    (this.outgoing[a] ??= []).push((b << typeBits) | code);
    (this.incoming[b] ??= []).push((a << typeBits) | code);
  }

  /** Removes a relationship (hard or soft) if present. */
  removeRelationship(from: string, type: RelationshipType, to: string): void {
    const a = this.indexOf.get(from);
    const b = this.indexOf.get(to);
    if (a === undefined || b === undefined) return;
    const codes = type === 'DEPENDS_ON' ? [typeCode.get(type)!, softDependsOn] : [typeCode.get(type)!];
    for (const code of codes) {
      drop(this.outgoing, a, (b << typeBits) | code);
      drop(this.incoming, b, (a << typeBits) | code);
    }
  }

  /**
   * Calls `visit(neighbour, code)` for each relationship of `index` whose code is
   * in `mask`: forward (what it relies on) or backward (what relies on it).
   */
  forEachNeighbour(index: number, forward: boolean, mask: number, visit: (neighbour: number, code: number) => void): void {
    const list = forward ? this.outgoing[index] : this.incoming[index];
    if (!list) return;
    for (const packed of list) {
      const code = packed & codeMask;
      if (mask & (1 << code)) visit(packed >>> typeBits, code);
    }
  }
}

/** Removes one packed entry from a CI's list (order within a list does not matter). */
function drop(lists: (number[] | undefined)[], index: number, packed: number): void {
  const list = lists[index];
  if (!list) return;
  const at = list.indexOf(packed);
  if (at < 0) return;
  list[at] = list[list.length - 1]!;
  list.pop();
}
