/**
 * What the main thread and the layout worker say to each other. Only ids,
 * sizes, parents and edge ends cross: labels and styles stay on the main thread.
 */

/** Which layout a person chose. `layered` reads top-down by reliance; `force` is for exploring. */
export type LayoutAlgorithm = 'layered' | 'force' | 'grouped';

export interface LayoutNode {
  id: string;
  /** Compound parent (a group box on the service map). */
  parent?: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export type Positions = Record<string, { x: number; y: number }>;

export interface LayoutRequest {
  id: number;
  algorithm: LayoutAlgorithm;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

/** The answer: positions of the leaf nodes (cytoscape fits parents around them), and which tier ran. */
export type LayoutResponse =
  | { id: number; positions: Positions; engine: string; ms: number }
  | { id: number; error: string };

/** Above these sizes the exact engines (ELK layered, fcose) give way to the fast tier. */
export const exactLayoutMaxNodes = { layered: 250, force: 600, grouped: 400 } as const;
