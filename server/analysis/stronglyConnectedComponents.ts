/**
 * Strongly connected components (Tarjan, iterative so deep graphs cannot
 * overflow the stack) over CSR rows. Components come out dependencies first:
 * every component is emitted after all components its nodes point to.
 */
export function stronglyConnectedComponents(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
): { componentOf: Int32Array; order: Int32Array; starts: Int32Array } {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n);
  const order = new Int32Array(n);
  const starts: number[] = [];
  let stackTop = 0;
  let counter = 0;
  let emitted = 0;
  let components = 0;
  for (let root = 0; root < n; root += 1) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = offsets[root]!;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const e = callEdge[depth]!;
      if (e < offsets[v + 1]!) {
        callEdge[depth] = e + 1;
        const w = targets[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          onStack[w] = 1;
          depth += 1;
          callNode[depth] = w;
          callEdge[depth] = offsets[w]!;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, index[w]!);
        }
        continue;
      }
      if (low[v] === index[v]) {
        starts.push(emitted);
        let w: number;
        do {
          w = stack[--stackTop]!;
          onStack[w] = 0;
          componentOf[w] = components;
          order[emitted++] = w;
        } while (w !== v);
        components += 1;
      }
      depth -= 1;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
    }
  }
  starts.push(emitted);
  return { componentOf, order, starts: Int32Array.from(starts) };
}
