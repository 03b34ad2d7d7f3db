/// <reference lib="webworker" />
import type cytoscapeType from 'cytoscape';
import { fastLayered } from './fastLayered.ts';
import { groupedGrid } from './groupedGrid.ts';
import { separateBlocks } from './separateBlocks.ts';
import { exactLayoutMaxNodes, type LayoutRequest, type LayoutResponse, type Positions } from './layoutMessages.ts';

/**
 * Lays maps out off the main thread, so that a large map never freezes the
 * tab: ELK layered and fcose for maps they handle in time, the fast tiers
 * (fastLayered, groupedGrid) above exactLayoutMaxNodes.
 */
/** cytoscape with fcose, loaded the first time a force or grouped layout is asked for (the fast tiers need neither). */
let cytoscapeLoaded: Promise<typeof cytoscapeType> | undefined;
const loadCytoscape = () => (cytoscapeLoaded ??= Promise.all([import('cytoscape'), import('cytoscape-fcose')]).then(([{ default: cytoscape }, { default: fcose }]) => {
  cytoscape.use(fcose);
  return cytoscape;
}));
/** ELK is large (about 1.5 MB): loaded the first time a map small enough for it comes. */
let elk: Promise<{ layout: (graph: ElkGraph) => Promise<ElkGraph> }> | undefined;
type ElkGraph = { id: string; layoutOptions?: Record<string, string>; children?: { id: string; width?: number; height?: number; x?: number; y?: number }[]; edges?: { id: string; sources: string[]; targets: string[] }[] };
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => {
  const instance = new ELK() as unknown as { layout: (graph: ElkGraph) => Promise<ElkGraph> };
  // NOTE: ELK's bundle, evaluated inside a worker, sets self.onmessage to a dispatcher of its own
  // protocol, which would answer our requests with errors. Ours listens with addEventListener.
  self.onmessage = null;
  return instance;
}));
/** Room a node's label needs across (labels are cut at about this width by the stylesheet). */
const labelWidth = 120;

async function onLayoutRequest(event: MessageEvent<LayoutRequest>) {
  const request = event.data;
  const started = performance.now();
  try {
    const { positions, engine } = await layOut(request);
    const answer: LayoutResponse = { id: request.id, positions, engine, ms: Math.round(performance.now() - started) };
    self.postMessage(answer);
  } catch (error) {
    self.postMessage({ id: request.id, error: (error as Error).message } satisfies LayoutResponse);
  }
}
self.addEventListener('message', onLayoutRequest);

async function layOut(request: LayoutRequest): Promise<{ positions: Positions; engine: string }> {
  const { algorithm, nodes, edges } = request;
  const exact = nodes.length <= exactLayoutMaxNodes[algorithm];
  if (algorithm === 'layered') {
    return exact ? { positions: await elkLayered(request), engine: 'ELK layered' } : { positions: fastLayered(nodes, edges, { spacingX: labelWidth + 20 }), engine: 'fast layered' };
  }
  if (algorithm === 'grouped') return exact ? { positions: groupedBlocks(await loadCytoscape(), request), engine: 'grouped fcose' } : { positions: groupedGrid(nodes), engine: 'grouped grid' };
  return { positions: fcoseLayout(await loadCytoscape(), request, exact), engine: exact ? 'fcose' : 'fcose (draft)' };
}

/** ELK layered, top-down: a CI above what it relies on. Compound parents are flattened. */
async function elkLayered({ nodes, edges }: LayoutRequest): Promise<Positions> {
  const leaves = nodes.filter((n) => !nodes.some((m) => m.parent === n.id));
  const ids = new Set(leaves.map((n) => n.id));
  const graph = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': '12',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.layered.thoroughness': '3',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
      'elk.separateConnectedComponents': 'true',
    },
    children: leaves.map((n) => ({ id: n.id, width: Math.max(n.width, labelWidth), height: n.height + 24 })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  const positions: Positions = {};
  for (const child of graph.children ?? []) positions[child.id] = { x: (child.x ?? 0) + child.width! / 2, y: (child.y ?? 0) + child.height! / 2 };
  return positions;
}

/** fcose in a headless cytoscape (no DOM in a worker); draft quality past the exact size. */
function fcoseLayout(cytoscape: typeof cytoscapeType, { nodes, edges }: LayoutRequest, exact: boolean): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, ...(n.parent ? { parent: n.parent } : {}) } })),
      ...edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
    ],
  });
  // Leaves reserve room for their label; a compound's size comes from its children.
  cy.nodes().forEach((node) => {
    if (!node.isParent()) node.style({ width: labelWidth, height: 44 });
  });
  cy.layout({
    name: 'fcose',
    quality: exact ? 'default' : 'draft',
    randomize: true,
    animate: false,
    nodeRepulsion: 9000,
    idealEdgeLength: 90,
    nodeSeparation: 40,
    tile: true,
    packComponents: true,
    numIter: exact ? 2500 : 600,
  } as cytoscapeType.LayoutOptions).run();
  const positions: Positions = {};
  cy.nodes().forEach((node) => {
    if (!node.isParent()) positions[node.id()] = { ...node.position() };
  });
  cy.destroy();
  return positions;
}

/**
 * Grouped maps in two levels, so boxes never overlap: each group is a block of
 * its members on a grid, and fcose places the blocks (by their size) so that
 * groups relying on each other sit close.
 */
function groupedBlocks(cytoscape: typeof cytoscapeType, { nodes, edges }: LayoutRequest): Positions {
  const cell = { x: labelWidth + 20, y: 72 };
  const parents = new Set(nodes.flatMap((n) => (n.parent ? [n.parent] : [])));
  const blockOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const node of nodes) {
    if (parents.has(node.id)) continue;
    const block = node.parent ?? node.id;
    blockOf.set(node.id, block);
    members.set(block, [...(members.get(block) ?? []), node.id]);
  }
  const shape = new Map([...members].map(([block, list]) => {
    const columns = Math.ceil(Math.sqrt(list.length));
    return [block, { columns, rows: Math.ceil(list.length / columns) }];
  }));
  const links = new Set<string>();
  for (const edge of edges) {
    const [a, b] = [blockOf.get(edge.source), blockOf.get(edge.target)];
    if (a && b && a !== b) links.add(a < b ? `${a}\n${b}` : `${b}\n${a}`);
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...[...members.keys()].map((id) => ({ group: 'nodes' as const, data: { id } })),
      ...[...links].map((link, i) => ({ group: 'edges' as const, data: { id: `l${i}`, source: link.split('\n')[0]!, target: link.split('\n')[1]! } })),
    ],
  });
  cy.nodes().forEach((node) => {
    const s = shape.get(node.id())!;
    node.style({ width: s.columns * cell.x + 40, height: s.rows * cell.y + 50 });
  });
  cy.layout({ name: 'fcose', quality: 'default', randomize: true, animate: false, nodeRepulsion: 20000, idealEdgeLength: 120, nodeSeparation: 60, packComponents: true } as cytoscapeType.LayoutOptions).run();
  const centres = separateBlocks([...members.keys()].map((block) => {
    const { columns, rows } = shape.get(block)!;
    return { id: block, ...cy.getElementById(block).position(), width: columns * cell.x + 40, height: rows * cell.y + 50 };
  }));
  const positions: Positions = {};
  for (const [block, list] of members) {
    const { x, y } = centres.get(block)!;
    const { columns, rows } = shape.get(block)!;
    list.forEach((id, i) => {
      positions[id] = { x: x + ((i % columns) - (columns - 1) / 2) * cell.x, y: y + (Math.floor(i / columns) - (rows - 1) / 2) * cell.y };
    });
  }
  cy.destroy();
  return positions;
}
