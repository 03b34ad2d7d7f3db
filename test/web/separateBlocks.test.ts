import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { separateBlocks, type Block } from '../../web/graph/layout/separateBlocks.ts';

const overlaps = (a: Block, b: Block, gap: number) => Math.abs(a.x - b.x) < (a.width + b.width) / 2 + gap - 1e-6 && Math.abs(a.y - b.y) < (a.height + b.height) / 2 + gap - 1e-6;

describe('separateBlocks', () => {
  it('leaves blocks that do not overlap where they are', () => {
    const blocks = [{ id: 'a', x: 0, y: 0, width: 100, height: 50 }, { id: 'b', x: 300, y: 0, width: 100, height: 50 }];
    expect(separateBlocks(blocks)).toEqual(new Map([['a', { x: 0, y: 0 }], ['b', { x: 300, y: 0 }]]));
  });

  it('pushes two overlapping blocks apart along the axis of least overlap', () => {
    // [a][b] side by side, overlapping by 20 across and fully down: they part across.
    const moved = separateBlocks([{ id: 'a', x: 0, y: 0, width: 100, height: 100 }, { id: 'b', x: 80, y: 0, width: 100, height: 100 }], 0);
    expect(moved.get('a')).toEqual({ x: -10, y: 0 });
    expect(moved.get('b')).toEqual({ x: 90, y: 0 });
  });

  it('leaves no two blocks overlapping, whatever the start', () => {
    const block = fc.record({ x: fc.integer({ min: -300, max: 300 }), y: fc.integer({ min: -300, max: 300 }), width: fc.integer({ min: 10, max: 200 }), height: fc.integer({ min: 10, max: 200 }) });
    fc.assert(fc.property(fc.array(block, { minLength: 2, maxLength: 25 }), (raw) => {
      const blocks = raw.map((b, i) => ({ ...b, id: `b${i}` }));
      const centres = separateBlocks(blocks, 20, 5000);
      const placed = blocks.map((b) => ({ ...b, ...centres.get(b.id)! }));
      for (let i = 0; i < placed.length; i += 1) for (let j = i + 1; j < placed.length; j += 1) expect(overlaps(placed[i]!, placed[j]!, 20)).toBe(false);
    }), { numRuns: 100 });
  });
});
