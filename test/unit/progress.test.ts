import { describe, expect, it } from 'vitest';
import { createProgress } from '../../server/cli/progress.ts';

/** A stand-in for stderr that records what is written. */
function stream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 100, written, write: (text: string) => written.push(text) > 0 } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('progress', () => {
  it('draws a bar rewritten in place on a terminal, and clears it at the end', () => {
    const tty = stream(true);
    const progress = createProgress(tty);
    progress.step('state.tfstate writing', '100 CIs', { done: 2, total: 3 });
    progress.done();
    expect(tty.written[0]).toMatch(/^\r\x1b\[K\[#{13}-{7}\] 2\/3 state\.tfstate writing: 100 CIs \(\d+\.\d s\)$/);
    expect(tty.written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes plain timestamped lines when stderr is not a terminal', () => {
    const log = stream(false);
    const progress = createProgress(log);
    progress.step('aws eu-west-1 reading', 'aws_vpc', { done: 0, total: 17 });
    progress.done();
    expect(log.written).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\S+Z aws eu-west-1 reading: aws_vpc \(0\/17\)\n$/)]);
  });
});
