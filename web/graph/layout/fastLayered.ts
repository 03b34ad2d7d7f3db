import type { LayoutEdge, LayoutNode, Positions } from './layoutMessages.ts';

/**
 * The fast tier of the layered layout, for maps too large for ELK to lay out
 * in time (ELK layered took 8.5 s for 1,000 nodes on this project's CI
 * machine). Sugiyama in its cheapest form, linear per sweep: cycles broken by
 * a depth-first search, layers by longest path (a CI above what it relies on),
 * order within a layer by a few barycenter sweeps, long layers wrapped into
 * rows so the map stays readable. Compound parents are ignored.
 */
export function fastLayered(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], options: { spacingX?: number; spacingY?: number; maxPerRow?: number } = {}): Positions {
  const spacingX = options.spacingX ?? 90;
  const spacingY = options.spacingY ?? 110;
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  for (const edge of edges) {
    const from = index.get(edge.source);
    const to = index.get(edge.target);
    if (from === undefined || to === undefined || from === to) continue;
    out[from]!.push(to);
    inn[to]!.push(from);
  }
  const layer = longestPathLayers(n, out, inn);
  const layers: number[][] = [];
  for (let i = 0; i < n; i += 1) (layers[layer[i]!] ??= []).push(i);
  const order = orderLayers(layers.map((l) => l ?? []), out, inn);
  return place(nodes, order, { spacingX, spacingY, maxPerRow: options.maxPerRow ?? Math.max(12, Math.ceil(Math.sqrt(n) * 2.2)) });
}

/** Layer of each node: 0 for what nothing relies on, else one more than the deepest CI relying on it; back edges of cycles ignored. */
function longestPathLayers(n: number, out: number[][], inn: number[][]): Int32Array {
  const back = findBackEdges(n, out);
  const remaining = new Int32Array(n);
  for (let v = 0; v < n; v += 1) for (const u of inn[v]!) if (!back.has(u * n + v)) remaining[v]! += 1;
  const layer = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v += 1) if (remaining[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head += 1) {
    const u = queue[head]!;
    for (const v of out[u]!) {
      if (back.has(u * n + v)) continue;
      layer[v] = Math.max(layer[v]!, layer[u]! + 1);
      remaining[v]! -= 1;
      if (remaining[v] === 0) queue.push(v);
    }
  }
  return layer;
}

/** Edges that close a cycle in an iterative depth-first search, as `from * n + to`. */
function findBackEdges(n: number, out: number[][]): Set<number> {
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const back = new Set<number>();
  const stack: [number, number][] = [];
  for (let start = 0; start < n; start += 1) {
    if (state[start]) continue;
    stack.push([start, 0]);
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const [u, next] = top;
      if (next < out[u]!.length) {
        top[1] += 1;
        const v = out[u]![next]!;
        if (state[v] === 1) back.add(u * n + v);
        else if (state[v] === 0) {
          state[v] = 1;
          stack.push([v, 0]);
        }
      } else {
        state[u] = 2;
        stack.pop();
      }
    }
  }
  return back;
}

/** Barycenter sweeps, down then up: each node moves towards the mean position of its neighbours in the layer before. */
function orderLayers(layers: number[][], out: number[][], inn: number[][]): number[][] {
  const position = new Float64Array(out.length);
  for (const layer of layers) layer.forEach((v, i) => (position[v] = i));
  const sweep = (list: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const v of list) {
      const ns = neighbours[v]!;
      key.set(v, ns.length ? ns.reduce((sum, u) => sum + position[u]!, 0) / ns.length : position[v]!);
    }
    list.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
    list.forEach((v, i) => (position[v] = i));
  };
  for (let round = 0; round < 2; round += 1) {
    for (let l = 1; l < layers.length; l += 1) sweep(layers[l]!, inn);
    for (let l = layers.length - 2; l >= 0; l -= 1) sweep(layers[l]!, out);
  }
  return layers;
}

/** Rows of at most maxPerRow nodes, each layer centred; a long layer takes several rows. */
function place(nodes: readonly LayoutNode[], layers: number[][], options: { spacingX: number; spacingY: number; maxPerRow: number }): Positions {
  const positions: Positions = {};
  let row = 0;
  for (const layer of layers) {
    for (let start = 0; start < layer.length; start += options.maxPerRow) {
      const slice = layer.slice(start, start + options.maxPerRow);
      const offset = ((slice.length - 1) * options.spacingX) / 2;
      slice.forEach((v, i) => {
        // Alternate rows of a wrapped layer are staggered so their edges do not overlap exactly.
        const stagger = start > 0 && (start / options.maxPerRow) % 2 === 1 ? options.spacingX / 2 : 0;
        positions[nodes[v]!.id] = { x: i * options.spacingX - offset + stagger, y: row * options.spacingY };
      });
      row += 1;
    }
  }
  return positions;
}
