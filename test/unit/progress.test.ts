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

  it('in logs, a step that only moves its count is written every 5 s at most, and once complete', () => {
    const log = stream(false);
    let clock = 0;
    const progress = createProgress(log, () => clock);
    progress.step('state.tfstate writing', '100 CIs', { done: 2, total: 3 });
    for (let done = 5000; done <= 550_000; done += 5000) {
      clock += 100;
      progress.step('state.tfstate writing', `${done} of 550870 rows written`, { done, total: 550_870 });
    }
    progress.step('state.tfstate writing', '550870 of 550870 rows written', { done: 550_870, total: 550_870 });
    const lines = log.written.map((line) => line.replace(/^\S+ /, ''));
    // 11 s of counting: the line that started the step is followed by one at 5 s, one at 10 s and the last.
    expect(lines).toEqual([
      'state.tfstate writing: 100 CIs (2/3)\n',
      'state.tfstate writing: 250000 of 550870 rows written (250000/550870)\n',
      'state.tfstate writing: 500000 of 550870 rows written (500000/550870)\n',
      'state.tfstate writing: 550870 of 550870 rows written (550870/550870)\n',
    ]);
  });

  it('on a terminal, every count redraws the bar', () => {
    const tty = stream(true);
    const progress = createProgress(tty, () => 0);
    progress.step('s writing', '1 of 4 rows written', { done: 1, total: 4 });
    progress.step('s writing', '2 of 4 rows written', { done: 2, total: 4 });
    expect(tty.written).toHaveLength(2);
    expect(tty.written[1]).toContain('[##########----------] 2/4 s writing');
  });
});
