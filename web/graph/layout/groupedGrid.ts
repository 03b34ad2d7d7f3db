import type { LayoutNode, Positions } from './layoutMessages.ts';

/**
 * The fast tier of grouped maps (thousands of services): each group a square
 * block of its members, largest groups first, blocks packed in shelves about as
 * wide as they are tall overall. Linear in the number of nodes; edges are not
 * read, so the picture is an index of the estate rather than a wiring diagram.
 */
export function groupedGrid(nodes: readonly LayoutNode[], options: { cell?: number; gap?: number } = {}): Positions {
  const cell = options.cell ?? 70;
  const gap = options.gap ?? 90;
  const groups = new Map<string, LayoutNode[]>();
  for (const node of nodes) {
    const key = node.parent ?? '';
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  // Group boxes are parents, not members: only leaves are placed.
  const parents = new Set(nodes.map((n) => n.parent).filter(Boolean));
  const blocks = [...groups.values()]
    .map((members) => members.filter((m) => !parents.has(m.id)))
    .filter((members) => members.length)
    .sort((a, b) => b.length - a.length)
    .map((members) => ({ members, columns: Math.ceil(Math.sqrt(members.length)) }));
  const totalArea = blocks.reduce((sum, b) => sum + (b.columns * cell + gap) ** 2, 0);
  const shelfWidth = Math.max(Math.sqrt(totalArea) * 1.3, cell * 4);
  const positions: Positions = {};
  let x = 0;
  let y = 0;
  let shelfHeight = 0;
  for (const { members, columns } of blocks) {
    const width = columns * cell;
    const height = Math.ceil(members.length / columns) * cell;
    if (x > 0 && x + width > shelfWidth) {
      x = 0;
      y += shelfHeight + gap;
      shelfHeight = 0;
    }
    members.forEach((member, i) => {
      positions[member.id] = { x: x + (i % columns) * cell, y: y + Math.floor(i / columns) * cell };
    });
    x += width + gap;
    shelfHeight = Math.max(shelfHeight, height);
  }
  return positions;
}
