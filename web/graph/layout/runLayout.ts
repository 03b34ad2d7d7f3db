import type { LayoutAlgorithm, LayoutEdge, LayoutNode, LayoutResponse, Positions } from './layoutMessages.ts';

/**
 * The main thread's side of the layout worker. One worker for the page; a new
 * request supersedes the one in flight, whose worker is terminated at once
 * rather than left to finish a layout nobody will see.
 */
let worker: Worker | undefined;
let pending: { id: number; resolve: (value: LayoutResult) => void; reject: (error: Error) => void } | undefined;
let nextId = 1;

/** Positions of a map's nodes, and which engine computed them. */
export interface LayoutResult {
  positions: Positions;
  engine: string;
  ms: number;
}

/** Lays out a map in the worker; rejects with an AbortError when superseded. */
export function runLayout(algorithm: LayoutAlgorithm, nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  if (pending) {
    // The worker is busy with a layout nobody needs any more: stop it, start afresh.
    pending.reject(new DOMException('superseded by a newer layout', 'AbortError'));
    worker?.terminate();
    worker = undefined;
    pending = undefined;
  }
  const id = nextId++;
  return new Promise<LayoutResult>((resolve, reject) => {
    pending = { id, resolve, reject };
    layoutWorker().postMessage({ id, algorithm, nodes, edges });
  });
}

/**
 * Starts the worker ahead of need (a map page calls it as it mounts), so that
 * loading and compiling its bundle overlaps the map's request instead of following it.
 */
export function warmLayoutWorker(): void {
  layoutWorker();
}

function layoutWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module', name: 'trellis-layout' });
  worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
    const answer = event.data;
    if (!pending || answer.id !== pending.id) return;
    const { resolve, reject } = pending;
    pending = undefined;
    if ('error' in answer) reject(new Error(`the layout failed: ${answer.error}`));
    else resolve(answer);
  };
  worker.onerror = (event) => {
    pending?.reject(new Error(`the layout worker failed: ${event.message}`));
    pending = undefined;
    worker = undefined;
  };
  return worker;
}
