import { relationshipTypes, type RelationshipType } from '../../../schema/relationships.ts';

/** Bit code of each relationship type, for compact type masks. */
const typeCode = new Map<RelationshipType, number>(relationshipTypes.map((type, code) => [type, code]));
const typeBits = 4;

/** A set of relationship types as a bit mask, for the traversal's inner loop. */
export function typeMask(types: readonly RelationshipType[]): number {
  let mask = 0;
  for (const type of types) mask |= 1 << typeCode.get(type)!;
  return mask;
}

/**
 * In-memory adjacency of the embedded store: CI ids interned to integers and, per
 * CI, its outgoing and incoming relationships packed as `neighbour << 4 | type`.
 * Holds no attributes: traversal reads only structure, details come from SQLite.
 */
export class AdjacencyIndex {
  private readonly indexOf = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  private readonly outgoing: (number[] | undefined)[] = [];
  private readonly incoming: (number[] | undefined)[] = [];
  private readonly free: number[] = [];

  /** Number of CIs indexed. */
  get size(): number {
    return this.indexOf.size;
  }

  /** The integer of a CI id, or undefined when unknown. */
  find(id: string): number | undefined {
    return this.indexOf.get(id);
  }

  /** The CI id of an integer. */
  idAt(index: number): string {
    return this.ids[index]!;
  }

  /** Adds a CI (idempotent) and returns its integer. */
  addCI(id: string): number {
    const known = this.indexOf.get(id);
    if (known !== undefined) return known;
    const index = this.free.pop() ?? this.ids.length;
    this.ids[index] = id;
    this.indexOf.set(id, index);
    return index;
  }

  /** Removes a CI and every relationship touching it. */
  removeCI(id: string): void {
    const index = this.indexOf.get(id);
    if (index === undefined) return;
    for (const packed of this.outgoing[index] ?? []) dropPacked(this.incoming, packed >>> typeBits, (index << typeBits) | (packed & 15));
    for (const packed of this.incoming[index] ?? []) dropPacked(this.outgoing, packed >>> typeBits, (index << typeBits) | (packed & 15));
    this.outgoing[index] = undefined;
    this.incoming[index] = undefined;
    this.ids[index] = undefined;
    this.indexOf.delete(id);
    this.free.push(index);
  }

  /** Adds a relationship between two indexed CIs (idempotent). */
  addRelationship(from: string, type: RelationshipType, to: string): void {
    const a = this.addCI(from);
    const b = this.addCI(to);
    const code = typeCode.get(type)!;
    const out = (this.outgoing[a] ??= []);
    const packedOut = (b << typeBits) | code;
    if (out.includes(packedOut)) return;
    out.push(packedOut);
    (this.incoming[b] ??= []).push((a << typeBits) | code);
  }

  /** Removes a relationship if present. */
  removeRelationship(from: string, type: RelationshipType, to: string): void {
    const a = this.indexOf.get(from);
    const b = this.indexOf.get(to);
    if (a === undefined || b === undefined) return;
    const code = typeCode.get(type)!;
    dropPacked(this.outgoing, a, (b << typeBits) | code);
    dropPacked(this.incoming, b, (a << typeBits) | code);
  }

  /**
   * Calls `visit(neighbour)` for each neighbour of `index` over relationships whose
   * type is in `mask`: forward (what it relies on) or backward (what relies on it).
   */
  forEachNeighbour(index: number, forward: boolean, mask: number, visit: (neighbour: number) => void): void {
    const list = forward ? this.outgoing[index] : this.incoming[index];
    if (!list) return;
    for (const packed of list) if (mask & (1 << (packed & 15))) visit(packed >>> typeBits);
  }
}

/** Removes one packed entry from a CI's list. */
function dropPacked(lists: (number[] | undefined)[], index: number, packed: number): void {
  const list = lists[index];
  if (!list) return;
  const at = list.indexOf(packed);
  if (at >= 0) list.splice(at, 1);
}
