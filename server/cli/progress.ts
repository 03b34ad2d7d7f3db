/** How far long work has come: `done` of `total` steps. */
export interface Fraction {
  done: number;
  total: number;
}

const barWidth = 20;
/** Logs (no terminal) get a line for the same step at most this often. */
const quietMs = 5000;

/**
 * Progress of long work on stderr: a bar and the current step, rewritten in
 * place on a terminal; plain timestamped lines otherwise (logs, CI), so output
 * stays readable in both.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = () => performance.now()): { step: (label: string, detail: string, fraction?: Fraction) => void; done: () => void } {
  const started = now();
  let drawn = false;
  // Plain lines: a step that only moves its fraction is written at most every `quietMs`, and when complete.
  let last = { label: '', at: Number.NEGATIVE_INFINITY };
  const elapsed = () => `${((now() - started) / 1000).toFixed(1)} s`;
  return {
    step(label, detail, fraction) {
      if (stream.isTTY) {
        const filled = fraction ? Math.round((barWidth * fraction.done) / Math.max(1, fraction.total)) : 0;
        const bar = fraction ? `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${fraction.done}/${fraction.total} ` : '';
        const line = `${bar}${label}: ${detail} (${elapsed()})`;
        stream.write(`\r\x1b[K${line.slice(0, Math.max(20, (stream.columns ?? 120) - 1))}`);
        drawn = true;
      } else {
        const moving = label === last.label && fraction !== undefined && fraction.done < fraction.total;
        if (moving && now() - last.at < quietMs) return;
        last = { label, at: now() };
        stream.write(`${new Date().toISOString()} ${label}: ${detail}${fraction ? ` (${fraction.done}/${fraction.total})` : ''}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

/** The phases of an import run, as a fraction for the bar. */
export const importPhases = { reading: { done: 0, total: 3 }, planning: { done: 1, total: 3 }, writing: { done: 2, total: 3 } } as const;
