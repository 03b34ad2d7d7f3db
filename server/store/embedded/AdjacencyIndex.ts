import type { CIType } from '../../../schema/ciTypes.ts';
import { ciTypeCode } from '../../../schema/relianceGraph.ts';
import { relationshipTypes, type RelationshipType } from '../../../schema/relationships.ts';
import { PackedAdjacency } from './PackedAdjacency.ts';

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

/** A relationship as the index loads it. */
export interface IndexedRelationship {
  from: string;
  type: RelationshipType;
  to: string;
  soft: boolean;
}

/**
 * In-memory graph of the embedded store: CI ids interned to integers, per CI the
 * few fields analysis needs, and its outgoing and incoming relationships packed
 * as `neighbour << 4 | code` in compressed rows (PackedAdjacency). Attributes stay
 * in SQLite.
 */
export class AdjacencyIndex {
  readonly ids: (string | undefined)[] = [];
  readonly names: string[] = [];
  readonly typeCodes: number[] = [];
  readonly minHealthy: number[] = [];
  readonly criticality: number[] = [];
  private readonly outgoing: PackedAdjacency;
  private readonly incoming: PackedAdjacency;
  private readonly indexOf = new Map<string, number>();
  private readonly free: number[] = [];

  /** `rebuildFloor`: rows are rebuilt once changes reach a quarter of max(rows, floor). */
  constructor(options: { rebuildFloor?: number } = {}) {
    this.outgoing = new PackedAdjacency(options.rebuildFloor);
    this.incoming = new PackedAdjacency(options.rebuildFloor);
  }

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

  /** Loads CIs and relationships in bulk (at start-up): one pass each, then the rows are built once. */
  load(cis: Iterable<IndexedCI>, relationships: Iterable<IndexedRelationship>): void {
    for (const ci of cis) this.setCI(ci);
    const from: number[] = [];
    const to: number[] = [];
    const codes: number[] = [];
    for (const r of relationships) {
      const a = this.indexOf.get(r.from);
      const b = this.indexOf.get(r.to);
      if (a === undefined || b === undefined) throw new Error(`index out of step: ${r.from} ${r.type} ${r.to} names an unknown CI`);
      from.push(a);
      to.push(b);
      codes.push(codeOf(r.type, r.soft));
    }
    this.buildRows(Int32Array.from(from), Int32Array.from(to), Uint8Array.from(codes));
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
    this.outgoing.forEach(index, (entry) => this.incoming.remove(entry >>> typeBits, (index << typeBits) | (entry & codeMask)));
    this.incoming.forEach(index, (entry) => this.outgoing.remove(entry >>> typeBits, (index << typeBits) | (entry & codeMask)));
    this.outgoing.clear(index);
    this.incoming.clear(index);
    this.ids[index] = undefined;
    this.names[index] = '';
    this.indexOf.delete(id);
    this.free.push(index);
    this.rebuildIfDrifted();
  }

  /** Adds a relationship between two indexed CIs, replacing it if only its strength differs. */
  setRelationship(from: string, type: RelationshipType, to: string, soft: boolean): void {
    const a = this.indexOf.get(from);
    const b = this.indexOf.get(to);
    if (a === undefined || b === undefined) throw new Error(`index out of step: ${from} ${type} ${to} names an unknown CI`);
    // Look in the (usually short) outgoing list: a hub's incoming list can be huge.
    if (this.outgoing.some(a, (entry) => entry >>> typeBits === b && typeOfCode[entry & codeMask] === type)) this.removeRelationship(from, type, to);
    const code = codeOf(type, soft);
    this.outgoing.add(a, (b << typeBits) | code);
    this.incoming.add(b, (a << typeBits) | code);
    this.rebuildIfDrifted();
  }

  /** Removes a relationship (hard or soft) if present. */
  removeRelationship(from: string, type: RelationshipType, to: string): void {
    const a = this.indexOf.get(from);
    const b = this.indexOf.get(to);
    if (a === undefined || b === undefined) return;
    const codes = type === 'DEPENDS_ON' ? [typeCode.get(type)!, softDependsOn] : [typeCode.get(type)!];
    for (const code of codes) {
      if (this.outgoing.remove(a, (b << typeBits) | code)) this.incoming.remove(b, (a << typeBits) | code);
    }
  }

  /**
   * Calls `visit(neighbour, code)` for each relationship of `index` whose code is
   * in `mask`: forward (what it relies on) or backward (what relies on it).
   */
  forEachNeighbour(index: number, forward: boolean, mask: number, visit: (neighbour: number, code: number) => void): void {
    (forward ? this.outgoing : this.incoming).forEach(index, (entry) => {
      const code = entry & codeMask;
      if (mask & (1 << code)) visit(entry >>> typeBits, code);
    });
  }

  /** Folds what was added and removed since the last build back into compact rows once it has grown. */
  private rebuildIfDrifted(): void {
    if (this.outgoing.drift < 0.25) return;
    const from: number[] = [];
    const to: number[] = [];
    const codes: number[] = [];
    for (let a = 0; a < this.ids.length; a += 1) {
      this.outgoing.forEach(a, (entry) => {
        from.push(a);
        to.push(entry >>> typeBits);
        codes.push(entry & codeMask);
      });
    }
    this.buildRows(Int32Array.from(from), Int32Array.from(to), Uint8Array.from(codes));
  }

  private buildRows(from: Int32Array, to: Int32Array, codes: Uint8Array): void {
    const n = this.ids.length;
    const outEntries = new Int32Array(from.length);
    const inEntries = new Int32Array(from.length);
    for (let e = 0; e < from.length; e += 1) {
      outEntries[e] = (to[e]! << typeBits) | codes[e]!;
      inEntries[e] = (from[e]! << typeBits) | codes[e]!;
    }
    this.outgoing.build(n, from, outEntries);
    this.incoming.build(n, to, inEntries);
  }
}

/** The edge code of a relationship type and strength. */
function codeOf(type: RelationshipType, soft: boolean): number {
  return soft && type === 'DEPENDS_ON' ? softDependsOn : typeCode.get(type)!;
}
