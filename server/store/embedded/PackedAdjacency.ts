/**
 * One direction of the embedded index's adjacency: a compressed-sparse-row base in
 * typed arrays (few heap objects, cheap for the garbage collector at millions of
 * relationships) plus small per-CI lists for what was added since the last
 * rebuild. Removed base entries become -1 until the next rebuild.
 */
export class PackedAdjacency {
  /** Below this many rows, drift is measured against this floor (rebuilding tiny rows often is waste). */
  private readonly floor: number;
  private offsets = new Int32Array(1);
  private entries = new Int32Array(0);
  private readonly added = new Map<number, number[]>();
  private addedCount = 0;
  private removedCount = 0;

  constructor(floor = 100_000) {
    this.floor = floor;
  }

  /** Rebuilds the base from parallel arrays: `entries[e]` belongs to node `rows[e]`. */
  build(nodeCount: number, rows: Int32Array, entries: Int32Array): void {
    const offsets = new Int32Array(nodeCount + 1);
    for (let e = 0; e < rows.length; e += 1) offsets[rows[e]! + 1]! += 1;
    for (let i = 0; i < nodeCount; i += 1) offsets[i + 1]! += offsets[i]!;
    const cursor = offsets.slice(0, nodeCount);
    const packed = new Int32Array(rows.length);
    for (let e = 0; e < rows.length; e += 1) packed[cursor[rows[e]!]!++] = entries[e]!;
    this.offsets = offsets;
    this.entries = packed;
    this.added.clear();
    this.addedCount = 0;
    this.removedCount = 0;
  }

  /** Share of the structure that lives outside the base (added or removed since the rebuild). */
  get drift(): number {
    return (this.addedCount + this.removedCount) / Math.max(this.entries.length, this.floor);
  }

  /** Adds an entry to a node. */
  add(node: number, entry: number): void {
    let list = this.added.get(node);
    if (!list) this.added.set(node, (list = []));
    list.push(entry);
    this.addedCount += 1;
  }

  /** Removes one entry from a node; returns whether it was there. */
  remove(node: number, entry: number): boolean {
    if (node + 1 < this.offsets.length) {
      for (let e = this.offsets[node]!; e < this.offsets[node + 1]!; e += 1) {
        if (this.entries[e] === entry) {
          this.entries[e] = -1;
          this.removedCount += 1;
          return true;
        }
      }
    }
    const list = this.added.get(node);
    const at = list ? list.indexOf(entry) : -1;
    if (at < 0) return false;
    list![at] = list![list!.length - 1]!;
    list!.pop();
    this.addedCount -= 1;
    return true;
  }

  /** Removes every entry of a node. */
  clear(node: number): void {
    if (node + 1 < this.offsets.length) {
      for (let e = this.offsets[node]!; e < this.offsets[node + 1]!; e += 1) {
        if (this.entries[e] !== -1) {
          this.entries[e] = -1;
          this.removedCount += 1;
        }
      }
    }
    this.addedCount -= this.added.get(node)?.length ?? 0;
    this.added.delete(node);
  }

  /** Calls `visit` with each entry of a node. */
  forEach(node: number, visit: (entry: number) => void): void {
    if (node + 1 < this.offsets.length) {
      const end = this.offsets[node + 1]!;
      for (let e = this.offsets[node]!; e < end; e += 1) {
        const entry = this.entries[e]!;
        if (entry !== -1) visit(entry);
      }
    }
    const list = this.added.get(node);
    if (list) for (const entry of list) visit(entry);
  }

  /** True when a node has an entry satisfying `test`. */
  some(node: number, test: (entry: number) => boolean): boolean {
    let found = false;
    this.forEach(node, (entry) => {
      if (!found && test(entry)) found = true;
    });
    return found;
  }
}
