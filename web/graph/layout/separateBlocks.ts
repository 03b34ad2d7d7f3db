/** A block of a grouped map: its centre and size. */
export interface Block {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Pushes overlapping blocks apart until none overlap (with `gap` between
 * them), each time along the axis where they overlap least, so that a force
 * layout's near-miss never draws one group's box over another's. Quadratic per
 * pass: for the few hundred groups the exact tier lays out.
 */
export function separateBlocks(blocks: readonly Block[], gap = 30, maxPasses = 300): Map<string, { x: number; y: number }> {
  const placed = blocks.map((b) => ({ ...b }));
  for (let pass = 0; pass < maxPasses; pass += 1) {
    let moved = false;
    for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const [a, b] = [placed[i]!, placed[j]!];
        const overlapX = (a.width + b.width) / 2 + gap - Math.abs(a.x - b.x);
        const overlapY = (a.height + b.height) / 2 + gap - Math.abs(a.y - b.y);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        // Ties (same centre) go right and down, so the result does not depend on chance.
        if (overlapX < overlapY) {
          const push = (overlapX / 2) * (a.x <= b.x ? 1 : -1);
          a.x -= push;
          b.x += push;
        } else {
          const push = (overlapY / 2) * (a.y <= b.y ? 1 : -1);
          a.y -= push;
          b.y += push;
        }
      }
    }
    if (!moved) break;
  }
  return new Map(placed.map((b) => [b.id, { x: b.x, y: b.y }]));
}
